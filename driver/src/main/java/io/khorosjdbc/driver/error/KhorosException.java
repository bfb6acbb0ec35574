package io.khorosjdbc.driver.error;

import static java.util.Objects.requireNonNull;

/**
 * Something the user asked for, or the service answered, that the query cannot go on with, raised
 * where it is found and carrying its {@link SqlState}; the JDBC edge turns it into an {@code
 * SQLException} with that state. The message names what is at fault and what to do. A driver bug is
 * an {@link IllegalStateException} instead.
 */
public class KhorosException extends RuntimeException {
  private final SqlState state;

  public KhorosException(SqlState state, String message) {
    super(message);
    this.state = requireNonNull(state, "state");
  }

  public KhorosException(SqlState state, String message, Throwable cause) {
    super(message, cause);
    this.state = requireNonNull(state, "state");
  }

  public SqlState state() {
    return state;
  }
}
