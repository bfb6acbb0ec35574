package io.khorosjdbc.driver.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.Table;

/**
 * Adds "did you mean" to Calcite's unknown-table and unknown-column errors: the valid names nearest
 * to the misspelt one (edit distance, ignoring case). Columns are looked up only in the tables the
 * statement names, whose columns validation has already resolved, so no export starts.
 */
final class NameSuggestions {
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found");
  private static final Pattern UNKNOWN_TABLE =
      Pattern.compile("(?:Object|Table) '([^']+)' not found");
  private static final int MAX_SUGGESTIONS = 5;

  private NameSuggestions() {}

  /** The exception with suggestions added to its message, or {@code e} itself. */
  static RuntimeException augment(RuntimeException e, CalcitePrepare.Context context, String sql) {
    CalciteContextException located = find(e);
    if (located == null || sql == null) {
      return e;
    }
    String message = located.getMessage();
    Matcher column = UNKNOWN_COLUMN.matcher(message);
    Matcher table = UNKNOWN_TABLE.matcher(message);
    List<String> nearest;
    if (column.find()) {
      nearest = nearest(column.group(1), columnNames(context, sql));
    } else if (table.find()) {
      nearest = nearest(table.group(1), tableNames(context));
    } else {
      return e;
    }
    if (nearest.isEmpty()) {
      return e;
    }
    return new IllegalArgumentException(
        message + "; did you mean " + nearest.stream().collect(Collectors.joining(", ")) + "?", e);
  }

  private static CalciteContextException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CalciteContextException located) {
        return located;
      }
    }
    return null;
  }

  private static List<String> tableNames(CalcitePrepare.Context context) {
    List<String> names = new ArrayList<>();
    for (CalciteSchema schema : context.getRootSchema().getSubSchemaMap().values()) {
      names.addAll(schema.getTableNames());
    }
    return names;
  }

  /** Columns of the tables whose names occur as words in the statement. */
  private static List<String> columnNames(CalcitePrepare.Context context, String sql) {
    Set<String> words = new LinkedHashSet<>();
    for (String word : sql.split("[^A-Za-z0-9_]+")) {
      words.add(word.toLowerCase(Locale.ROOT));
    }
    Set<String> names = new LinkedHashSet<>();
    for (CalciteSchema schema : context.getRootSchema().getSubSchemaMap().values()) {
      for (String name : schema.getTableNames()) {
        if (!words.contains(name.toLowerCase(Locale.ROOT))) {
          continue;
        }
        CalciteSchema.TableEntry entry = schema.getTable(name, false);
        Table table = entry == null ? null : entry.getTable();
        if (table != null) {
          for (RelDataTypeField field : table.getRowType(context.getTypeFactory()).getFieldList()) {
            names.add(field.getName());
          }
        }
      }
    }
    return new ArrayList<>(names);
  }

  /** Up to five names within a third of the wrong name's length in edits, nearest first. */
  static List<String> nearest(String wrong, List<String> candidates) {
    String target = wrong.toUpperCase(Locale.ROOT);
    int limit = Math.max(2, target.length() / 3);
    return candidates.stream()
        .map(name -> new Object[] {name, distance(target, name.toUpperCase(Locale.ROOT))})
        .filter(
            pair ->
                (int) pair[1] <= limit
                    || ((String) pair[0]).toUpperCase(Locale.ROOT).contains(target)
                    || target.contains(((String) pair[0]).toUpperCase(Locale.ROOT)))
        .sorted(Comparator.comparingInt(pair -> (int) pair[1]))
        .limit(MAX_SUGGESTIONS)
        .map(pair -> (String) pair[0])
        .toList();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
