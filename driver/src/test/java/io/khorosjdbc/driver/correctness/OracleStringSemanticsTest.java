package io.khorosjdbc.driver.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle runs the generator's string functions in DuckDB with the driver's spelling, so DuckDB
 * must mean what docs/sql-reference.md "Strings are Unicode code points" says: characters are code
 * points. Checked here, with the one place the engines differ (case mappings that change a string's
 * length) named, so the generator's data must avoid it.
 */
class OracleStringSemanticsTest {
  private static Connection duck;

  @BeforeAll
  static void open() throws SQLException {
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void close() throws SQLException {
    duck.close();
  }

  private static String eval(String expression) throws SQLException {
    try (Statement statement = duck.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + expression)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void duckDbCountsAndCutsCodePoints() throws SQLException {
    assertEquals("3", eval("CHAR_LENGTH('a🎉b')"));
    assertEquals("2", eval("CHAR_LENGTH('👍🏽')")); // code points, not graphemes
    assertEquals("1", eval("CHAR_LENGTH('𠀋')"));
    assertEquals("🎉", eval("SUBSTRING('a🎉b' FROM 2 FOR 1)"));
    assertEquals("🎉b", eval("SUBSTRING('a🎉b' FROM 2)"));
    assertEquals("a", eval("SUBSTRING('a🎉b' FROM 0 FOR 2)"));
    assertEquals("", eval("SUBSTRING('a🎉b' FROM 9 FOR 2)"));
    assertEquals("", eval("SUBSTRING('a🎉b' FROM 2 FOR 0)"));
    assertEquals("3", eval("POSITION('b' IN 'a🎉b')"));
    assertEquals("2", eval("POSITION('🎉' IN 'a🎉b')"));
    assertEquals("A🎉X", eval("UPPER('a🎉x')"));
    assertEquals("ä🎉x", eval("LOWER('Ä🎉X')"));
  }

  @Test
  void duckDbsUnderscoreMatchesOneCodePointALineBreakToo() throws SQLException {
    assertEquals("true", eval("'a🎉b' LIKE 'a_b'"));
    assertEquals("false", eval("'a🎉b' LIKE 'a__b'"));
    assertEquals("true", eval("'a👍🏽b' LIKE 'a__b'"));
    assertEquals("true", eval("'a\nb' LIKE 'a_b'"));
    assertEquals("true", eval("'a\nb' LIKE 'a%'"));
  }

  /**
   * UPPER and LOWER agree with Java's (the driver's) for every character of Latin, Greek, Cyrillic,
   * punctuation, symbols, Deseret, emoji and CJK extension B, except where Java's full case mapping
   * turns one character into several (ß to SS, ŉ to ʼN) and DuckDB keeps one (ß to ẞ). The
   * emulator's texts contain none of these (were one added, UPPER in the differential run would
   * show it as a mismatch).
   */
  @Test
  void caseMappingsAgreeWithJavaExceptWhereJavasChangeTheLength() throws SQLException {
    int[][] ranges = {
      {0x20, 0x7e},
      {0xa0, 0x24f},
      {0x370, 0x4ff},
      {0x1e00, 0x1eff},
      {0x2000, 0x2bff},
      {0x10400, 0x1044f},
      {0x1f300, 0x1f6ff},
      {0x20000, 0x2000f}
    };
    List<String> differ = new ArrayList<>();
    try (PreparedStatement ps = duck.prepareStatement("SELECT UPPER(?), LOWER(?)")) {
      for (int[] range : ranges) {
        for (int cp = range[0]; cp <= range[1]; cp++) {
          if (!Character.isDefined(cp)) {
            continue;
          }
          String s = new String(Character.toChars(cp));
          ps.setString(1, s);
          ps.setString(2, s);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!rs.getString(1).equals(s.toUpperCase(Locale.ROOT))
                || !rs.getString(2).equals(s.toLowerCase(Locale.ROOT))) {
              differ.add(String.format(Locale.ROOT, "U+%04X", cp));
              assertTrue(
                  s.toUpperCase(Locale.ROOT).length() > s.length()
                      || s.toLowerCase(Locale.ROOT).length() > s.length(),
                  s);
            }
          }
        }
      }
    }
    assertEquals(
        List.of(
            "U+00DF", "U+0130", "U+0149", "U+01F0", "U+0390", "U+03B0", "U+1E96", "U+1E97",
            "U+1E98", "U+1E99", "U+1E9A"),
        differ);
  }
}
