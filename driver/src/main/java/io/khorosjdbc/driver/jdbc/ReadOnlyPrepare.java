package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.sql.CodePointConvertletTable;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's statement preparation, refusing statements that would change data or schema with a
 * message that says why, instead of a parser or planner error about unknown syntax, and counting
 * string characters as code points ({@link CodePointConvertletTable}).
 */
final class ReadOnlyPrepare extends CalcitePrepareImpl {
  private static final Set<String> WRITES =
      Set.of(
          "INSERT",
          "UPDATE",
          "DELETE",
          "MERGE",
          "UPSERT",
          "CREATE",
          "DROP",
          "ALTER",
          "TRUNCATE",
          "GRANT",
          "REVOKE");

  @Override
  public <T> CalcitePrepare.CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql != null) {
      String keyword = firstKeyword(query.sql);
      if (WRITES.contains(keyword)) {
        throw new KhorosException(
            SqlState.UNSUPPORTED,
            "khoros-jdbc is read-only: "
                + keyword
                + " is not supported. Khoros Analytics "
                + "exports can only be queried with SELECT.");
      }
    }
    try {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException e) {
      throw NameSuggestions.augment(e, context, query.sql);
    }
  }

  /** Every statement, view and EXPLAIN is converted with the code-point string functions. */
  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return CodePointConvertletTable.INSTANCE;
  }

  /** The statement's first word, skipping white space, comments and parentheses. */
  static String firstKeyword(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }
}
