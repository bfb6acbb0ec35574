package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;

/**
 * A query failed while running its exports. The message is written for the user: what failed
 * (report, window, job ids) and what to do. It never contains credentials or access tokens.
 */
public class ExportException extends KhorosException {
  /** An export failed (on the server, or on its way from it). */
  public ExportException(String message) {
    super(SqlState.EXPORT_FAILED, message);
  }

  public ExportException(String message, Throwable cause) {
    super(SqlState.EXPORT_FAILED, message, cause);
  }

  /** The query stopped, or the export cannot be used, for the reason {@code state} says. */
  public ExportException(SqlState state, String message) {
    super(state, message);
  }
}
