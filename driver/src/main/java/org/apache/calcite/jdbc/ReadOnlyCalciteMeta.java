package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Calcite's JDBC metadata for a read-only driver: {@code commit()} and {@code rollback()} succeed
 * with nothing to do, where Calcite's own throw an unchecked UnsupportedOperationException that
 * tools (Spark, connection pools) log or fail on.
 *
 * <p>It lives in Calcite's package because the connection type its constructor needs is
 * package-private there; the driver is loaded from the class path, where that is allowed.
 */
public final class ReadOnlyCalciteMeta extends CalciteMetaImpl {
  public ReadOnlyCalciteMeta(AvaticaConnection connection, CalciteMetaTableFactory tables,
      CalciteMetaColumnFactory columns) {
    super((CalciteConnectionImpl) connection, tables, columns);
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Read-only: there is never anything to commit.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // Read-only: there is never anything to roll back.
  }
}
