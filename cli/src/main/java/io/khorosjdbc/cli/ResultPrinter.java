package io.khorosjdbc.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result set as a table (sqlline-like boxes, whatever the terminal), RFC 4180 CSV with a
 * header line, or a JSON array of objects (numbers and booleans unquoted, SQL NULL as null).
 */
final class ResultPrinter {
  /** Longest value shown in a table cell; longer ones end with an ellipsis. */
  static final int MAX_CELL = 80;

  private final CliOptions.OutputFormat format;
  private final PrintStream out;

  ResultPrinter(CliOptions.OutputFormat format, PrintStream out) {
    this.format = format;
    this.out = out;
  }

  /** Prints every row; returns how many there were. */
  long print(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    String[] labels = new String[n];
    int[] types = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
      types[i] = meta.getColumnType(i + 1);
    }
    return switch (format) {
      case TABLE -> table(rs, labels, types);
      case CSV -> csv(rs, labels);
      case JSON -> json(rs, labels, types);
    };
  }

  private long table(ResultSet rs, String[] labels, int[] types) throws SQLException {
    // A table needs every width before the first line, so rows are buffered.
    List<String[]> rows = new ArrayList<>();
    int n = labels.length;
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      widths[i] = labels[i].length();
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String value = rs.getString(i + 1);
        value = value == null ? "null" : oneLine(value);
        if (value.length() > MAX_CELL) {
          value = value.substring(0, MAX_CELL - 1) + "…";
        }
        row[i] = value;
        widths[i] = Math.max(widths[i], value.length());
      }
      rows.add(row);
    }
    String rule = rule(widths);
    out.println(rule);
    out.println(line(labels, widths, null));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths, types));
    }
    out.println(rule);
    out.flush();
    return rows.size();
  }

  private static String rule(int[] widths) {
    StringBuilder b = new StringBuilder("+");
    for (int width : widths) {
      b.append("-".repeat(width + 2)).append('+');
    }
    return b.toString();
  }

  private static String line(String[] cells, int[] widths, int[] types) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - cells[i].length());
      b.append(' ');
      if (types != null && isNumeric(types[i])) {
        b.append(pad).append(cells[i]);
      } else {
        b.append(cells[i]).append(pad);
      }
      b.append(" |");
    }
    return b.toString();
  }

  private static String oneLine(String value) {
    return value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  private long csv(ResultSet rs, String[] labels) throws SQLException {
    int n = labels.length;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(csvField(labels[i]));
    }
    out.print(b.append("\r\n"));
    long count = 0;
    while (rs.next()) {
      b.setLength(0);
      for (int i = 0; i < n; i++) {
        String value = rs.getString(i + 1);
        b.append(i == 0 ? "" : ",").append(value == null ? "" : csvField(value));
      }
      out.print(b.append("\r\n"));
      count++;
    }
    out.flush();
    return count;
  }

  static String csvField(String value) {
    if (value.isEmpty()) {
      return "\"\""; // tells an empty string from NULL (an empty field)
    }
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private long json(ResultSet rs, String[] labels, int[] types) throws SQLException {
    int n = labels.length;
    long count = 0;
    out.print("[");
    StringBuilder b = new StringBuilder();
    while (rs.next()) {
      b.setLength(0);
      b.append(count == 0 ? "\n  {" : ",\n  {");
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : ", ").append(jsonString(labels[i])).append(": ");
        String value = rs.getString(i + 1);
        if (value == null) {
          b.append("null");
        } else if (isNumeric(types[i]) && isJsonNumber(value)) {
          b.append(value);
        } else if (types[i] == Types.BOOLEAN) {
          b.append(rs.getBoolean(i + 1));
        } else {
          b.append(jsonString(value));
        }
      }
      out.print(b.append('}'));
      count++;
    }
    out.println(count == 0 ? "]" : "\n]");
    out.flush();
    return count;
  }

  private static boolean isJsonNumber(String value) {
    return value.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
  }

  static String jsonString(String value) {
    StringBuilder b = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE,
          Types.DECIMAL,
          Types.NUMERIC ->
          true;
      default -> false;
    };
  }
}
