package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    assertEquals(
        List.of("SELECT 'a;b', \"x;y\" FROM t", "-- c;\nSELECT 2", "SELECT /* ; */ 3"),
        SqlScript.split("SELECT 'a;b', \"x;y\" FROM t;\n-- c;\nSELECT 2;SELECT /* ; */ 3"));
  }

  @Test
  void doubledQuotesAndEmptyStatements() {
    assertEquals(List.of("SELECT 'it''s; fine'"), SqlScript.split(";; SELECT 'it''s; fine' ;\n;"));
    assertEquals(List.of(), SqlScript.split("-- only a comment;\n  "));
  }
}
