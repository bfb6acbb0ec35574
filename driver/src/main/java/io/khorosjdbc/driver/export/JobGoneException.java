package io.khorosjdbc.driver.export;

/**
 * The server no longer knows a job this JVM or an earlier one attached to (its status answers 404,
 * or its download link expired): the queries waiting for it create the export again.
 */
final class JobGoneException extends ExportException {
  JobGoneException(String message) {
    super(message);
  }
}
