package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Calcite's JDBC object factory, with result sets whose {@code next()} reports a failure of the
 * rows' source (an export that breaks off while rows are being read) as the {@link SQLException}
 * JDBC promises, not as the unchecked exception Calcite lets through. It lives in Calcite's
 * package because Calcite's result set constructor is package-private.
 */
public class SqlExceptionJdbcFactory extends CalciteJdbc41Factory {

  @Override
  public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new CheckedResultSet(statement, (CalcitePrepare.CalciteSignature<?>) signature,
        metaData, timeZone, firstFrame);
  }

  /** A result set that turns unchecked failures while advancing into SQLExceptions. */
  static final class CheckedResultSet extends CalciteResultSet {
    CheckedResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature<?> signature,
        ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame)
        throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
    }

    @Override
    public boolean next() throws SQLException {
      try {
        return super.next();
      } catch (RuntimeException e) {
        throw new SQLException(e.getMessage(), e);
      }
    }
  }
}
