package org.apache.calcite.jdbc;

import io.khorosjdbc.driver.sql.ScanRows;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Calcite's JDBC metadata with two corrections, and one shortcut (a result whose plan is one scan
 * is read from its column batches: {@link ScanRows}):
 *
 * <ul>
 *   <li>read-only: {@code commit()} and {@code rollback()} succeed with nothing to do, where
 *       Calcite's own throw an unchecked UnsupportedOperationException that tools (Spark,
 *       connection pools) log or fail on;
 *   <li>statements of one connection can be created from several threads at once: Calcite numbers
 *       them with a plain {@code statementCount++}, so two threads could get the same id (see also
 *       {@link ConcurrentStatementRegistry}).
 * </ul>
 *
 * <p>It lives in Calcite's package because the connection type its constructor needs is
 * package-private there; the driver is loaded from the class path, where that is allowed.
 */
public final class KhorosCalciteMeta extends CalciteMetaImpl {
  public KhorosCalciteMeta(
      AvaticaConnection connection,
      CalciteMetaTableFactory tables,
      CalciteMetaColumnFactory columns) {
    super((CalciteConnectionImpl) connection, tables, columns);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    synchronized (connection) {
      return super.createStatement(ch);
    }
  }

  @Override
  public Iterable<Object> createIterable(
      StatementHandle handle,
      QueryState state,
      Signature signature,
      List<TypedValue> parameters,
      Frame firstFrame) {
    return ScanRows.readableByColumn(
        super.createIterable(handle, state, signature, parameters, firstFrame));
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
