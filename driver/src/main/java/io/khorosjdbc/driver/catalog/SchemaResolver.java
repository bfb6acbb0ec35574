package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a table's data columns: a user's schema file wins; otherwise the names the server
 * returned (from the disk cache when fresh, else discovered now), typed and described by the
 * built-in catalog, plus the catalog's JSON-only columns, which a CSV header never shows.
 */
public final class SchemaResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaResolver.class);

  private final KnownColumns known;
  private final ColumnDiscoverer discoverer;
  private final Optional<SchemaCache> cache;
  private final Optional<SchemaFile> schemaFile;

  public SchemaResolver(KnownColumns known, ColumnDiscoverer discoverer,
      Optional<SchemaCache> cache, Optional<SchemaFile> schemaFile) {
    this.known = requireNonNull(known, "known");
    this.discoverer = requireNonNull(discoverer, "discoverer");
    this.cache = requireNonNull(cache, "cache");
    this.schemaFile = requireNonNull(schemaFile, "schemaFile");
  }

  public TableSchema resolve(ReportDefinition report) throws IOException {
    String table = report.table();
    Optional<List<ColumnInfo>> pinned = schemaFile.flatMap(f -> f.columns(table));
    if (pinned.isPresent()) {
      return new TableSchema(pinned.get(), "schemaFile");
    }
    Optional<List<String>> cached = cache.flatMap(c -> c.get(table));
    if (cached.isPresent()) {
      return new TableSchema(merge(table, cached.get()), "cache");
    }
    List<String> discovered = discoverer.discover(report);
    if (discovered.isEmpty()) {
      LOG.warn("the server returned no header for {}; using the built-in column list", table);
      return new TableSchema(known.columns(table), "catalog");
    }
    cache.ifPresent(c -> c.put(table, discovered));
    return new TableSchema(merge(table, discovered), "server");
  }

  private List<ColumnInfo> merge(String table, List<String> names) {
    List<ColumnInfo> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(known.describe(table, name));
    }
    for (ColumnInfo column : known.columns(table)) {
      if (column.jsonOnly() && columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
        columns.add(column);
      }
    }
    return columns;
  }
}
