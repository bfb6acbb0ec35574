package io.khorosjdbc.driver.format;

import java.io.IOException;

/**
 * A timestamp column of an export cannot be read because its dates fit both day first and month
 * first, and the values read ahead did not tell which: the message names the table, column, row and
 * value and asks for the {@code dateFormat} property. See {@link FormatDetector#undecidable}.
 */
public final class AmbiguousDateException extends IOException {

  private static final long serialVersionUID = 1L;

  public AmbiguousDateException(String message) {
    super(message);
  }
}
