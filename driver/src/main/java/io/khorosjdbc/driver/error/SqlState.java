package io.khorosjdbc.driver.error;

/**
 * The SQLStates the driver reports, so that tools and programs can tell what went wrong without
 * reading messages (SQL:2016 / ODBC codes; the class of an export the server failed is our choice,
 * documented in docs/sql-reference.md).
 */
public enum SqlState {
  /** The statement was cancelled ({@code Statement.cancel()}). */
  CANCELLED("57014"),
  /** The statement ran out of time ({@code setQueryTimeout}); reported as SQLTimeoutException. */
  TIMED_OUT("HYT00"),
  /** A predicate, statement or feature the driver does not support. */
  UNSUPPORTED("0A000"),
  /** A property, parameter or compared value that is not valid. */
  INVALID_VALUE("22023"),
  /** A computed value that does not fit its type, such as a BIGINT sum that overflows. */
  NUMERIC_OUT_OF_RANGE("22003"),
  /** A value in an export that does not read as its column's type. */
  INVALID_DATA("22018"),
  /** The API rejected the user name, password or company key. */
  INVALID_CREDENTIALS("28000"),
  /** The API could not be reached. */
  UNREACHABLE("08001"),
  /** The connection was closed while the statement ran. */
  CONNECTION_CLOSED("08003"),
  /** The Java heap was nearly full while the query ran: what it keeps needs a larger heap. */
  OUT_OF_MEMORY("53200"),
  /** An export failed on the server, or the API answered in a way the driver cannot use. */
  EXPORT_FAILED("58000");

  private final String code;

  SqlState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
