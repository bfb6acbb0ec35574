package io.khorosjdbc.driver.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

/**
 * Three classes of the driver live in {@code org.apache.calcite.jdbc} and override package-private
 * parts of Calcite (statement ids, the statement registry, the JDBC factory): they were written for
 * one Calcite version, and a different one must be checked by hand.
 */
class CalciteVersionTest {
  private static final String WRITTEN_FOR = "1.42.0";

  @Test
  void theCalciteOnTheClassPathIsTheOneTheCalcitePackageClassesWereWrittenFor() {
    // A class of a package the driver adds nothing to: org.apache.calcite.jdbc may be defined by a
    // class of the driver's (or of its tests), whose directory has no manifest.
    String found = RelNode.class.getPackage().getImplementationVersion();
    assertEquals(
        WRITTEN_FOR,
        found,
        "Calcite "
            + found
            + " is on the class path, but "
            + "KhorosCalciteMeta, ConcurrentStatementRegistry and SqlExceptionJdbcFactory (in "
            + "driver/src/main/java/org/apache/calcite/jdbc) were written against Calcite "
            + WRITTEN_FOR
            + ": compare the Calcite classes they override (CalciteMetaImpl, "
            + "CalciteConnectionImpl, CalciteJdbc41Factory) with the new version, then update "
            + "WRITTEN_FOR");
  }
}
