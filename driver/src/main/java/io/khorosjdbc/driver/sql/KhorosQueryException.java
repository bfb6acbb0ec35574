package io.khorosjdbc.driver.sql;

/**
 * A query asks for something the driver cannot do, found before any request is made; the message
 * names the table and column at fault and says what works instead.
 */
public final class KhorosQueryException extends RuntimeException {
  public KhorosQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
