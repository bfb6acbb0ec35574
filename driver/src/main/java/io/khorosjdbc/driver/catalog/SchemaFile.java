package io.khorosjdbc.driver.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A user's own column list per table (connection property {@code schemaFile}), for tenants whose
 * columns the server cannot describe or to pin a schema. Same format as the built-in known-columns
 * file: {@code {"conversation": [{"name": "CONVERSATION_ID", "type": "VARCHAR"}, ...]}}. Tables it
 * lists are never discovered.
 */
public final class SchemaFile {
  private final Map<String, List<ColumnInfo>> tables;

  private SchemaFile(Map<String, List<ColumnInfo>> tables) {
    this.tables = tables;
  }

  public static SchemaFile load(Path path) throws IOException {
    try {
      return new SchemaFile(KnownColumns.parse(new ObjectMapper().readTree(path.toFile())));
    } catch (IllegalArgumentException e) {
      throw new IOException("schemaFile " + path + ": " + e.getMessage(), e);
    }
  }

  public Optional<List<ColumnInfo>> columns(String table) {
    return Optional.ofNullable(tables.get(table.toLowerCase(Locale.ROOT)));
  }
}
