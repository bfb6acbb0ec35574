package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.format.ColumnType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A pseudo-column that stands for an API filter or mode parameter (business hours, priorities,
 * report type, ...). Equality and IN on it choose the export's parameters; each row carries the
 * value that produced it, so Calcite's own re-check of the predicate holds.
 *
 * @param name SQL column name, always prefixed {@code API_} so it cannot collide with an export
 *     column
 * @param type SQL type of the pseudo-column
 * @param description what the parameter does, shown in metadata and docs
 * @param defaultValue the value rows carry when the query does not constrain the column (null:
 *     NULL)
 * @param allowedValues the only accepted values (case-insensitive), empty for free values
 * @param encoder turns one canonical value into API parameters
 * @param requiredByApi true when the API has no default, so the driver always sends one
 */
public record ParameterColumn(
    String name,
    ColumnType type,
    String description,
    String defaultValue,
    List<String> allowedValues,
    Function<String, Map<String, List<String>>> encoder,
    boolean requiredByApi) {

  public ParameterColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
    allowedValues = List.copyOf(allowedValues);
    requireNonNull(encoder, "encoder");
  }

  /** A parameter sent as {@code apiName=value}. */
  static ParameterColumn simple(
      String name,
      ColumnType type,
      String apiName,
      String description,
      String defaultValue,
      List<String> allowedValues) {
    return new ParameterColumn(
        name,
        type,
        description,
        defaultValue,
        allowedValues,
        value -> Map.of(apiName, List.of(value)),
        false);
  }

  /** The same column, sent with its default value when a query does not choose one. */
  ParameterColumn alwaysSent() {
    return new ParameterColumn(name, type, description, defaultValue, allowedValues, encoder, true);
  }

  /**
   * Checks a value a query gave and returns its canonical spelling (plain integers for numbers,
   * lower-case booleans).
   *
   * @throws KhorosException (INVALID_VALUE) naming the column, the value and what is allowed
   */
  public String canonicalize(String table, String value) {
    requireNonNull(value, "value");
    String trimmed = value.trim();
    if (!allowedValues.isEmpty()) {
      // Exact match only: rows carry the value and Calcite re-checks the predicate with '='.
      if (allowedValues.contains(trimmed)) {
        return trimmed;
      }
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          String.format(
              Locale.ROOT,
              "%s.%s does not accept '%s'; use one of %s (values are case-sensitive)",
              table,
              name,
              value,
              allowedValues));
    }
    if (type == ColumnType.BIGINT) {
      try {
        return Long.toString(Long.parseLong(trimmed));
      } catch (NumberFormatException e) {
        throw new KhorosException(
            SqlState.INVALID_VALUE,
            String.format(Locale.ROOT, "%s.%s needs a whole number, not '%s'", table, name, value),
            e);
      }
    }
    if (type == ColumnType.BOOLEAN) {
      if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
        return trimmed.toLowerCase(Locale.ROOT);
      }
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          String.format(Locale.ROOT, "%s.%s needs TRUE or FALSE, not '%s'", table, name, value));
    }
    if (trimmed.isEmpty()) {
      throw new KhorosException(
          SqlState.INVALID_VALUE,
          String.format(Locale.ROOT, "%s.%s needs a non-empty value", table, name));
    }
    return trimmed;
  }

  /** The API parameters for a canonical value. */
  public Map<String, List<String>> encode(String canonicalValue) {
    return encoder.apply(canonicalValue);
  }

  /** The value rows carry, converted to the column's SQL representation. */
  public Object sqlValue(String canonicalValue) {
    if (canonicalValue == null) {
      return null;
    }
    return switch (type) {
      case BIGINT -> Long.parseLong(canonicalValue);
      case BOOLEAN -> Boolean.parseBoolean(canonicalValue);
      default -> canonicalValue;
    };
  }
}
