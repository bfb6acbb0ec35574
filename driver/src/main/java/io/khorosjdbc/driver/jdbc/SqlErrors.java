package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.api.ApiException;
import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.format.AmbiguousDateException;
import io.khorosjdbc.driver.format.ValueFormatException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * The JDBC edge: turns what went wrong anywhere in the driver into an {@link SQLException} whose
 * SQLState says what kind of failure it was (docs/sql-reference.md, "Errors"). The state comes from
 * the most telling exception in the chain: a {@link KhorosException}'s own (other than the generic
 * "export failed"), then an API that refused the credentials, then a host that could not be
 * reached, then a value that did not read, then "export failed". A bug has no state. Avatica keeps
 * the driver's exception as the cause of its own, so the state is added at the statement ({@link
 * #withState}) and for failures while rows are read ({@link #toSqlException}); a {@code
 * PreparedStatement}'s prepare and execute failures keep their message and cause but no state
 * (Calcite's prepared statement class is private).
 */
public final class SqlErrors {
  private SqlErrors() {}

  /** The failure's SQLState, or null for a bug. */
  public static SqlState stateOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KhorosException k && k.state() != SqlState.EXPORT_FAILED) {
        return k.state();
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiException api && (api.httpStatus() == 401 || api.httpStatus() == 403)) {
        return SqlState.INVALID_CREDENTIALS;
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException) {
        return SqlState.UNREACHABLE;
      }
      if (t instanceof ValueFormatException || t instanceof AmbiguousDateException) {
        return SqlState.INVALID_DATA;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KhorosException k) {
        return k.state();
      }
    }
    return null;
  }

  /** An SQLException for a failure; a {@link SQLTimeoutException} when the query timed out. */
  public static SQLException toSqlException(String message, Throwable failure) {
    SqlState state = stateOf(failure);
    if (state == SqlState.TIMED_OUT) {
      return new SQLTimeoutException(message, state.code(), failure);
    }
    return new SQLException(message, state == null ? null : state.code(), failure);
  }

  /**
   * A failure as Avatica reported it (a plain SQLException around the driver's exception, without a
   * state), with its SQLState added and its message and cause kept; a timeout as the
   * SQLTimeoutException it is.
   */
  public static SQLException withState(SQLException e) {
    if (e instanceof SQLTimeoutException || e.getSQLState() != null) {
      return e;
    }
    SqlState state = stateOf(e);
    return state == null ? e : toSqlException(e.getMessage(), e);
  }
}
