package io.khorosjdbc.cli.compat;

import io.khorosjdbc.driver.format.ColumnNames;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Seam: how the compatibility check reads a tenant's header names. Which spelling a name is in
 * ({@code CONVERSATION_ID}, {@code Conversation ID}, {@code conversationId}) and the key under
 * which two spellings of one column meet. The key is the driver's own ({@code format.ColumnNames}:
 * any case, spaces, underscores or camel humps, and the UI-name table), so the check reports
 * exactly what the driver will bind; which style a name is in is the check's own reading.
 */
public interface HeaderSpelling {

  /** The spellings the check tells apart. */
  String API = "api";

  String DISPLAY = "display";
  String CAMEL = "camel";
  String MIXED = "mixed";
  String UNKNOWN = "unknown";

  /**
   * The style of one header name: {@link #API}, {@link #DISPLAY} or {@link #CAMEL}; empty when the
   * name fits more than one (a single lower-case word such as {@code status}) or none.
   */
  String styleOf(String header);

  /** The key two spellings of one column share, e.g. {@code CONVERSATION_ID}. */
  String key(String header);

  /**
   * The style of a whole header: the one style its telling names share, {@link #MIXED}, or {@link
   * #UNKNOWN}.
   */
  default String styleOf(List<String> header) {
    String style = null;
    for (String name : header) {
      String s = styleOf(name);
      if (s.isEmpty()) {
        continue;
      }
      if (style == null) {
        style = s;
      } else if (!style.equals(s)) {
        return MIXED;
      }
    }
    return style == null ? UNKNOWN : style;
  }

  /** The spelling rules the check uses. */
  static HeaderSpelling builtIn() {
    return Simple.INSTANCE;
  }

  /** Rules by the shape of the name alone. */
  final class Simple implements HeaderSpelling {
    static final Simple INSTANCE = new Simple();
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Pattern LOWER_SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)+");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-z0-9]*([A-Z][A-Za-z0-9]*)+");
    private static final Pattern WORDS = Pattern.compile("[A-Z][A-Za-z0-9]*( [A-Za-z0-9]+)*");

    private Simple() {}

    @Override
    public String styleOf(String header) {
      String name = header.strip();
      if (UPPER_SNAKE.matcher(name).matches() || LOWER_SNAKE.matcher(name).matches()) {
        return API;
      }
      if (CAMEL_CASE.matcher(name).matches()) {
        return CAMEL;
      }
      if (WORDS.matcher(name).matches() && !name.equals(name.toUpperCase(Locale.ROOT))) {
        return DISPLAY;
      }
      return "";
    }

    /** The API name the driver binds this header to (its own rules and UI-name table). */
    @Override
    public String key(String header) {
      return ColumnNames.apiNameOfUiName(header).orElseGet(() -> ColumnNames.upperSnake(header));
    }
  }
}
