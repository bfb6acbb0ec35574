package io.khorosjdbc.driver.api;

import java.util.Locale;

/**
 * The export file format, sent as {@code reportFormat}. The API is case-sensitive, so values are
 * lower case.
 */
public enum ReportFormat {
  CSV,
  JSON;

  /** The value the API expects for {@code reportFormat}: {@code csv} or {@code json}. */
  public String apiValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
