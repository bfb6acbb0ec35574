package io.khorosjdbc.driver.export.cache;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.format.ColumnBatch;
import java.util.List;

/**
 * What a typed copy of an export holds ({@link TypedCopy}): its columns in field order, each named
 * with its SQL type (e.g. {@code "handle_time BIGINT"}) and kept as its {@link ColumnBatch.Kind},
 * and the conversion settings that made the file's text into those values (time zone, date format,
 * number locale). A copy serves a query whose conversion is the same and whose columns it holds:
 * the same text then becomes the same values.
 */
public record CopyLayout(String conversion, List<String> columns, List<ColumnBatch.Kind> kinds) {
  public CopyLayout {
    requireNonNull(conversion, "conversion");
    columns = List.copyOf(columns);
    kinds = List.copyOf(kinds);
    if (columns.size() != kinds.size()) {
      throw new IllegalArgumentException(
          kinds.size() + " kinds for " + columns.size() + " columns");
    }
  }

  /** The field that holds {@code column}, or -1. */
  public int fieldOf(String column) {
    return columns.indexOf(column);
  }

  /** Whether a copy of this layout holds every value a query of {@code needed} reads. */
  boolean serves(CopyLayout needed) {
    return conversion.equals(needed.conversion) && columns.containsAll(needed.columns);
  }

  ColumnBatch.Kind[] kindArray() {
    return kinds.toArray(ColumnBatch.Kind[]::new);
  }
}
