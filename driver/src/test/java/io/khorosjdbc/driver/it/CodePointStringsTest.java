package io.khorosjdbc.driver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * String functions count characters as Unicode code points: an emoji outside the Basic Multilingual
 * Plane (🎉 is U+1F389, two UTF-16 units in Java) is one character, and no function returns half of
 * one. A character is a code point, not what a reader sees as one: 👍🏽 is a thumb and a skin tone,
 * two characters. See docs/sql-reference.md, "Strings are Unicode code points".
 */
class CodePointStringsTest {
  private static final String MORNING =
      " WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
          + " AND WINDOW_END <= TIMESTAMP '2019-02-01 12:00:00'";
  private static EmulatorFixture emu;
  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    emu = EmulatorFixture.start();
    connection = emu.connect();
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
    emu.close();
  }

  /** The value of one expression, computed by the driver. */
  private static String eval(String expression) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT " + expression)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  /** The same expression with its string as a {@code ?} parameter, so it is not folded early. */
  private static String evalBound(String expression, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT " + expression)) {
      statement.setString(1, value);
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
        return rs.getString(1);
      }
    }
  }

  @Test
  void charLengthCountsCodePoints() throws SQLException {
    assertEquals("3", eval("CHAR_LENGTH('a🎉b')"));
    assertEquals("3", eval("CHARACTER_LENGTH('a🎉b')"));
    assertEquals("1", eval("CHAR_LENGTH('𠀋')")); // CJK extension B, U+2000B
    assertEquals("2", eval("CHAR_LENGTH('👍🏽')")); // thumb + skin tone modifier
    assertEquals("3", evalBound("CHAR_LENGTH(CAST(? AS VARCHAR))", "a🎉b"));
  }

  @Test
  void substringCutsBetweenCodePoints() throws SQLException {
    assertEquals("🎉", eval("SUBSTRING('a🎉b' FROM 2 FOR 1)"));
    assertEquals("🎉b", eval("SUBSTRING('a🎉b' FROM 2)"));
    assertEquals("b", eval("SUBSTRING('a🎉b' FROM 3)"));
    assertEquals("a🎉", eval("SUBSTRING('a🎉b' FROM 0 FOR 3)")); // positions 0, 1 and 2
    assertEquals("", eval("SUBSTRING('a🎉b' FROM 4)"));
    assertEquals("🎉", evalBound("SUBSTRING(CAST(? AS VARCHAR) FROM 2 FOR 1)", "a🎉b"));
  }

  @Test
  void positionCountsCodePoints() throws SQLException {
    assertEquals("3", eval("POSITION('b' IN 'a🎉b')"));
    assertEquals("2", eval("POSITION('🎉' IN 'a🎉b')"));
    assertEquals("0", eval("POSITION('x' IN 'a🎉b')"));
    assertEquals("5", eval("POSITION('b' IN 'a🎉b🎉b' FROM 4)"));
    assertEquals("3", eval("POSITION('b' IN 'a🎉b🎉b' FROM -2)")); // backwards from the 4th
    assertEquals("3", evalBound("POSITION('b' IN CAST(? AS VARCHAR))", "a🎉b"));
  }

  @Test
  void overlayReplacesCodePoints() throws SQLException {
    assertEquals("a🎉x", eval("OVERLAY('a🎉b' PLACING 'x' FROM 3)"));
    assertEquals("a😀b", eval("OVERLAY('a🎉b' PLACING '😀' FROM 2 FOR 1)"));
  }

  @Test
  void trimTakesAnEmojiAsItsOneCharacter() throws SQLException {
    assertEquals("a", eval("TRIM('🎉' FROM '🎉🎉a🎉')"));
    assertEquals("a🎉", eval("TRIM(LEADING '🎉' FROM '🎉a🎉')"));
    assertEquals("🎉a", eval("TRIM(TRAILING '🎉' FROM '🎉a🎉')"));
    assertEquals("a🎉b", eval("TRIM('  a🎉b ')"));
  }

  @Test
  void anUnderscoreInLikeMatchesOneCodePoint() throws SQLException {
    assertEquals("true", eval("'a🎉b' LIKE 'a_b'"));
    assertEquals("false", eval("'a🎉b' LIKE 'a__b'"));
    assertEquals("true", eval("'a👍🏽b' LIKE 'a__b'"));
    assertEquals("false", eval("'a🎉b' NOT LIKE 'a_b'"));
    assertEquals("true", eval("'🎉' LIKE '%'"));
    assertEquals("true", evalBound("CAST(? AS VARCHAR) LIKE 'a_b'", "a🎉b"));
  }

  @Test
  void anUnderscoreInLikeMatchesALineBreakToo() throws SQLException {
    assertEquals("true", eval("'a\nb' LIKE 'a_b'"));
    assertEquals("true", eval("'a\r\nb' LIKE 'a__b'"));
  }

  @Test
  void likeEscapesWithAnyOneCharacter() throws SQLException {
    assertEquals("true", eval("'a_b' LIKE 'a#_b' ESCAPE '#'"));
    assertEquals("false", eval("'a🎉b' LIKE 'a#_b' ESCAPE '#'"));
    assertEquals("true", eval("'a%b' LIKE 'a🎉%b' ESCAPE '🎉'"));
    assertEquals("true", eval("'a.*b' LIKE 'a.*b'")); // regular-expression characters are literal
  }

  @Test
  void upperAndLowerMapWholeCodePoints() throws SQLException {
    assertEquals("SS🎉X", eval("UPPER('ß🎉x')")); // full case mapping, as Java's Locale.ROOT
    assertEquals("ä🎉x", eval("LOWER('Ä🎉X')"));
    assertEquals("𐐀", eval("UPPER('𐐨')")); // Deseret: letters with case outside the BMP
    assertEquals("𐐨", eval("LOWER('𐐀')"));
  }

  @Test
  void caseMappingIgnoresTheJvmsLocale() throws SQLException {
    Locale original = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where 'I' lowers to a dotless 'ı'
      assertEquals("i🎉", eval("LOWER('I🎉')"));
      assertEquals("I🎉", eval("UPPER('i🎉')"));
    } finally {
      Locale.setDefault(original);
    }
  }

  @Test
  void initcapCapitalisesWordsOfAnyScript() throws SQLException {
    assertEquals("🎉Abc Søren Ünïcode", eval("INITCAP('🎉abc søREN üNÏCODE')"));
    assertEquals("O'Brien 2nd", eval("INITCAP('o''brien 2ND')"));
    assertEquals("𐐀𐐨", eval("INITCAP('𐐨𐐀')"));
  }

  @Test
  void nullsAndErrorsAreCalcites() throws SQLException {
    assertEquals(null, eval("CHAR_LENGTH(CAST(NULL AS VARCHAR))"));
    assertEquals(null, eval("SUBSTRING(CAST(NULL AS VARCHAR) FROM 2 FOR 1)"));
    assertEquals(null, eval("'a🎉b' LIKE CAST(NULL AS VARCHAR)"));
    assertTrue(failure("SUBSTRING('a🎉b' FROM 1 FOR -1)").contains("negative substring length"));
    assertTrue(failure("TRIM('🎉🎉' FROM 'a')").contains("trimmed character must be 1"));
    assertTrue(failure("POSITION('b' IN 'abc' FROM 0)").contains("must not be zero"));
    assertTrue(failure("'a' LIKE 'a' ESCAPE '##'").contains("Invalid escape character '##'"));
    assertTrue(failure("'a' LIKE 'a#' ESCAPE '#'").contains("Invalid escape sequence 'a#', 1"));
    assertTrue(failure("'a' LIKE '🎉#a' ESCAPE '#'").contains("Invalid escape sequence '🎉#a', 1"));
  }

  private static String failure(String expression) {
    SQLException e = assertThrows(SQLException.class, () -> eval(expression));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  /**
   * On real export rows, whose texts include emoji (the closer 🙏, U+1F64F), every function agrees
   * with Java's code-point methods.
   */
  @Test
  void functionsOnAPostTextColumnAgreeWithJavasCodePoints() throws SQLException {
    int rows = 0;
    int withEmoji = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT POST_TEXT, CHAR_LENGTH(POST_TEXT),"
                    + " SUBSTRING(POST_TEXT FROM CHAR_LENGTH(POST_TEXT)),"
                    + " SUBSTRING(POST_TEXT FROM 2 FOR 3), UPPER(POST_TEXT),"
                    + " POST_TEXT LIKE ('%_' || SUBSTRING(POST_TEXT FROM CHAR_LENGTH(POST_TEXT)))"
                    + " FROM incoming_post WHERE"
                    + MORNING)) {
      while (rs.next()) {
        String text = rs.getString(1);
        assertEquals(text.codePointCount(0, text.length()), rs.getInt(2), text);
        String last = new String(Character.toChars(text.codePointBefore(text.length())));
        assertEquals(last, rs.getString(3), text);
        assertEquals(
            text.substring(text.offsetByCodePoints(0, 1), text.offsetByCodePoints(0, 4)),
            rs.getString(4),
            text);
        assertEquals(text.toUpperCase(Locale.ROOT), rs.getString(5), text);
        assertTrue(rs.getBoolean(6), text);
        rows++;
        withEmoji += text.codePointCount(0, text.length()) < text.length() ? 1 : 0;
      }
    }
    assertTrue(withEmoji > 10, withEmoji + " of " + rows + " texts have emoji");
  }

  /**
   * The response export has its own CHARACTER_COUNT, in code points, and about one reply in three
   * ends with an emoji or a CJK extension B ideograph: CHAR_LENGTH agrees on every row.
   */
  @Test
  void charLengthAgreesWithTheExportsOwnCharacterCount() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(*), COUNT(CASE WHEN CHAR_LENGTH(RESPONSE_TEXT) = CHARACTER_COUNT"
                    + " THEN 1 END), COUNT(CASE WHEN RESPONSE_TEXT LIKE '%🎉' OR RESPONSE_TEXT"
                    + " LIKE '%😀' OR RESPONSE_TEXT LIKE '%👍🏽' OR RESPONSE_TEXT LIKE '%🔥'"
                    + " OR RESPONSE_TEXT LIKE '%𠀋' THEN 1 END) FROM response WHERE"
                    + MORNING)) {
      assertTrue(rs.next());
      long all = rs.getLong(1);
      assertEquals(all, rs.getLong(2));
      assertTrue(rs.getLong(3) > all / 5, rs.getLong(3) + " of " + all + " end beyond the BMP");
    }
  }

  /** A code-point function in WHERE is checked on each row, after the window was pushed down. */
  @Test
  void aFunctionOfATextColumnFiltersRowsAfterTheWindowIsPushedDown() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(*), COUNT(CASE WHEN POSITION('🙏' IN POST_TEXT)"
                    + " = CHAR_LENGTH(POST_TEXT) THEN 1 END)"
                    + " FROM incoming_post WHERE"
                    + MORNING
                    + " AND POST_TEXT LIKE '%._🙏' AND CHAR_LENGTH(POST_TEXT) > 10")) {
      assertTrue(rs.next());
      long all = rs.getLong(1);
      assertTrue(all > 0);
      assertEquals(all, rs.getLong(2));
      assertFalse(rs.next());
    }
  }

  /** On a pseudo-column, a code-point function is refused as any function is: the API cannot. */
  @Test
  void aFunctionOfAPseudoColumnIsRefusedAsBefore() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                eval(
                    "COUNT(*) FROM response WHERE"
                        + MORNING
                        + " AND CHAR_LENGTH(API_PRIORITY) = 1"));
    assertTrue(
        e.getMessage().contains("response.API_PRIORITY cannot be used this way"), e.getMessage());
  }
}
