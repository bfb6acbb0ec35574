package io.khorosjdbc.driver.jdbc;

/** The driver's version, reported through DatabaseMetaData. */
final class Version {
  private Version() {}

  static final int MAJOR = 0;
  static final int MINOR = 1;
  static final String STRING = MAJOR + "." + MINOR + ".0";
}
