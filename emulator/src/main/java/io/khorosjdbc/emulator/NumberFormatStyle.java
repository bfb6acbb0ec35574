package io.khorosjdbc.emulator;

/**
 * How numbers (columns of type long and double) are printed in export files. The API formats values
 * "per the Company setting OR the Locale"; the exact rules are undocumented.
 */
public enum NumberFormatStyle {
  /** {@code 1234567} and {@code 1234.5} whatever the request's {@code locale} (the default). */
  PLAIN,
  /**
   * As a tenant whose setting follows the request's {@code locale} (en_US when absent): its
   * grouping and decimal separators from java.text.DecimalFormatSymbols, so {@code 1,234.5} in
   * en_US, {@code 1.234,5} in de_DE and {@code 1 234,5} in fr_FR (a narrow no-break space).
   */
  LOCALE
}
