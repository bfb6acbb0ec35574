package io.khorosjdbc.driver.export;

/**
 * A query failed while running its exports. The message is written for the user: what failed
 * (report, window, job ids) and what to do. It never contains credentials or access tokens.
 */
public class ExportException extends RuntimeException {
  public ExportException(String message) {
    super(message);
  }

  public ExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
