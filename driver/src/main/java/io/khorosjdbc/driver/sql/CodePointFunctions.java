package io.khorosjdbc.driver.sql;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.sql.fun.SqlTrimFunction;

/**
 * The SQL string functions whose Calcite versions count UTF-16 code units, counting Unicode code
 * points instead: a character outside the Basic Multilingual Plane (an emoji such as U+1F389) is
 * one character, never two, and is never cut in half. {@link CodePointConvertletTable} calls these
 * in place of Calcite's; apart from the unit they keep Calcite's semantics and error messages.
 * Strict: a NULL argument gives NULL without a call.
 */
@Strict
public final class CodePointFunctions {
  private CodePointFunctions() {}

  /** {@code CHAR_LENGTH(s)}, {@code CHARACTER_LENGTH(s)}. */
  public static int charLength(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code SUBSTRING(s FROM from)}. */
  public static String substring(String s, long from) {
    return from <= 1 ? s : s.substring(offset(s, 0, from - 1));
  }

  /**
   * {@code SUBSTRING(s FROM from FOR length)}: the characters at positions {@code from} to {@code
   * from + length - 1} that exist (positions start at 1; a start before 1 shortens the result).
   */
  public static String substring(String s, long from, long length) {
    if (length < 0) {
      throw RESOURCE.illegalNegativeSubstringLength().ex();
    }
    long end = from > Long.MAX_VALUE - length ? Long.MAX_VALUE : from + length; // exclusive
    long start = Math.max(from, 1);
    if (end <= start) {
      return "";
    }
    int begin = offset(s, 0, start - 1);
    return s.substring(begin, offset(s, begin, end - start));
  }

  /** {@code POSITION(seek IN s)}: 1-based, 0 when absent. */
  public static int position(String seek, String s) {
    return positionOf(s, s.indexOf(seek));
  }

  /**
   * {@code POSITION(seek IN s FROM from)}: searching forwards from position {@code from}, or for a
   * negative {@code from}, backwards from position {@code -from} counted from the end, with
   * Calcite's limits (a start past the end, or back at the first character, finds nothing).
   */
  public static int position(String seek, String s, long from) {
    if (from == 0) {
      throw RESOURCE.fromNotZero().ex();
    }
    if (from > 0) {
      int start = offset(s, 0, from - 1);
      return start >= s.length() ? 0 : positionOf(s, s.indexOf(seek, start));
    }
    long last = charLength(s) + from; // 0-based: the latest position a match may start at
    return last <= 0 ? 0 : positionOf(s, s.lastIndexOf(seek, offset(s, 0, last)));
  }

  /** {@code OVERLAY(s PLACING r FROM start)}: replaces as many characters as r has. */
  public static String overlay(String s, String r, long start) {
    return overlay(s, r, start, charLength(r));
  }

  /**
   * {@code OVERLAY(s PLACING r FROM start FOR length)}, as SQL defines it: {@code SUBSTRING(s FROM
   * 1 FOR start - 1) || r || SUBSTRING(s FROM start + length)}.
   */
  public static String overlay(String s, String r, long start, long length) {
    return substring(s, 1, start - 1) + r + substring(s, start + length);
  }

  /**
   * {@code TRIM([BOTH|LEADING|TRAILING] seek FROM s)}: {@code seek} is one character, a code point;
   * where the conformance allows extended trim, each of its characters is trimmed.
   */
  public static String trim(SqlTrimFunction.Flag flag, String seek, String s, boolean extended) {
    if (!extended && charLength(seek) != 1) {
      throw RESOURCE.trimError(seek).ex();
    }
    int begin = 0;
    int end = s.length();
    if (flag != SqlTrimFunction.Flag.TRAILING) {
      while (begin < end && contains(seek, s.codePointAt(begin))) {
        begin += Character.charCount(s.codePointAt(begin));
      }
    }
    if (flag != SqlTrimFunction.Flag.LEADING) {
      while (end > begin && contains(seek, s.codePointBefore(end))) {
        end -= Character.charCount(s.codePointBefore(end));
      }
    }
    return s.substring(begin, end);
  }

  private static boolean contains(String seek, int codePoint) {
    return seek.indexOf(codePoint) >= 0;
  }

  /**
   * {@code INITCAP(s)}: the first character of each word in title case, the others in lower case. A
   * word is a run of letters and digits of any script; Calcite's own knows only ASCII letters, and
   * capitalises {@code søren} as {@code SøRen}. Each character maps to one, so lengths stay.
   */
  public static String initcap(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      boolean wordChar = Character.isLetterOrDigit(c);
      out.appendCodePoint(
          !wordChar ? c : inWord ? Character.toLowerCase(c) : Character.toTitleCase(c));
      inWord = wordChar;
    }
    return out.toString();
  }

  /**
   * {@code s LIKE pattern}: {@code _} matches exactly one character, whatever it is (a line break
   * too, which Calcite's {@code _} does not match), {@code %} any run of characters.
   */
  public static boolean like(String s, String pattern) {
    return likePattern(pattern, null).matcher(s).matches();
  }

  /** {@code s LIKE pattern ESCAPE escape}; the escape is one character. */
  public static boolean like(String s, String pattern, String escape) {
    return likePattern(pattern, escape).matcher(s).matches();
  }

  private record LikeKey(String pattern, String escape) {}

  /** Compiled patterns, as Calcite keeps them, so that a constant pattern is compiled once. */
  private static final Map<LikeKey, Pattern> LIKE_PATTERNS = new ConcurrentHashMap<>();

  private static Pattern likePattern(String pattern, String escape) {
    LikeKey key = new LikeKey(pattern, escape);
    Pattern compiled = LIKE_PATTERNS.get(key);
    if (compiled == null) {
      compiled = likeToRegex(pattern, escape); // errors reach the query unwrapped
      if (LIKE_PATTERNS.size() >= 1000) {
        LIKE_PATTERNS.clear();
      }
      LIKE_PATTERNS.put(key, compiled);
    }
    return compiled;
  }

  /** The pattern as a regular expression, with Calcite's messages for a bad escape. */
  private static Pattern likeToRegex(String pattern, String escape) {
    int escapeChar = -1;
    if (escape != null) {
      if (charLength(escape) != 1) {
        throw new IllegalArgumentException("Invalid escape character '" + escape + "'");
      }
      escapeChar = escape.codePointAt(0);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == escapeChar) {
        int next = i < pattern.length() ? pattern.codePointAt(i) : -1;
        if (next != '_' && next != '%' && next != escapeChar) {
          int at = pattern.codePointCount(0, i) - 1; // the escape character's position
          throw new IllegalArgumentException("Invalid escape sequence '" + pattern + "', " + at);
        }
        i += Character.charCount(next);
        literal(regex, next);
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '%') {
        regex.append(".*");
      } else {
        literal(regex, c);
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** A character matching itself: ASCII punctuation, some of it special to regex, is escaped. */
  private static void literal(StringBuilder regex, int c) {
    if (c < 128 && !Character.isLetterOrDigit(c)) {
      regex.append('\\');
    }
    regex.appendCodePoint(c);
  }

  /**
   * The UTF-16 index {@code codePoints} code points after {@code from}, or the string's length if
   * it ends first.
   */
  private static int offset(String s, int from, long codePoints) {
    int i = from;
    for (long k = 0; k < codePoints && i < s.length(); k++) {
      i += Character.charCount(s.codePointAt(i));
    }
    return i;
  }

  /** The 1-based code point position of a UTF-16 index found by a search, or 0 for none. */
  private static int positionOf(String s, int index) {
    return index < 0 ? 0 : s.codePointCount(0, index) + 1;
  }
}
