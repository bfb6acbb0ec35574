package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a table's data columns without calling the server, so that listing and describing tables
 * never waits on an export (the API allows 20 requests a minute): a user's schema file wins; then
 * what the tenant's own files showed (corrected this session, or kept in the disk cache); otherwise
 * the built-in catalog. The catalog's JSON-only columns, which a CSV header never shows, are added
 * to the tenant's.
 *
 * <p>When a real export shows that the tenant lacks catalog columns, {@link #columnsMissing} drops
 * them at once (the next query sees the corrected table) and learns the tenant's full list in the
 * background, within the request budget.
 */
public final class SchemaResolver implements ColumnFeedback {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaResolver.class);

  /** Where a table's columns came from, for tools' remarks and {@code khoros_meta.columns}. */
  public static final String SCHEMA_FILE = "schemaFile";

  public static final String TENANT = "tenant";
  public static final String CATALOG = "catalog";

  private final KnownColumns known;
  private final ColumnDiscoverer discoverer;
  private final Optional<SchemaCache> cache;
  private final Optional<SchemaFile> schemaFile;

  /** Column names learned from the tenant this session, by upper-case table name. */
  private final Map<String, List<String>> learned = new ConcurrentHashMap<>();

  private final AtomicLong generation = new AtomicLong();

  public SchemaResolver(
      KnownColumns known,
      ColumnDiscoverer discoverer,
      Optional<SchemaCache> cache,
      Optional<SchemaFile> schemaFile) {
    this.known = requireNonNull(known, "known");
    this.discoverer = requireNonNull(discoverer, "discoverer");
    this.cache = requireNonNull(cache, "cache");
    this.schemaFile = requireNonNull(schemaFile, "schemaFile");
  }

  /** The table's columns, from local knowledge only. */
  public TableSchema resolve(ReportDefinition report) {
    String table = report.table();
    Optional<List<ColumnInfo>> pinned = schemaFile.flatMap(f -> f.columns(table));
    if (pinned.isPresent()) {
      return new TableSchema(pinned.get(), SCHEMA_FILE);
    }
    Optional<List<String>> tenant =
        Optional.ofNullable(learned.get(key(table))).or(() -> cache.flatMap(c -> c.get(table)));
    if (tenant.isPresent()) {
      return new TableSchema(merge(table, tenant.get()), TENANT);
    }
    return new TableSchema(known.columns(table), CATALOG);
  }

  /** Changes each time a table's columns were corrected; tables re-read their columns then. */
  public long generation() {
    return generation.get();
  }

  /**
   * A real export of {@code report} lacked {@code missing}: the tenant does not have them. They are
   * dropped from the table now, and the tenant's full column list is learned in the background (it
   * may hold columns the catalog does not know).
   */
  @Override
  public void columnsMissing(ReportDefinition report, List<String> missing) {
    String table = report.table();
    if (schemaFile.flatMap(f -> f.columns(table)).isPresent()) {
      return; // the user pinned the columns; the error tells them to fix the file
    }
    Set<String> gone = missing.stream().map(SchemaResolver::key).collect(Collectors.toSet());
    List<String> kept =
        resolve(report).columns().stream()
            .filter(c -> !c.jsonOnly() && !gone.contains(key(c.name())))
            .map(ColumnInfo::name)
            .toList();
    remember(table, kept);
    LOG.info(
        "table {}: the tenant's export has no column {}; learning its columns", table, missing);
    learn(report);
  }

  /** The server refused some requested column: learn the tenant's columns in the background. */
  @Override
  public void columnsRejected(ReportDefinition report) {
    if (schemaFile.flatMap(f -> f.columns(report.table())).isEmpty()) {
      learn(report);
    }
  }

  private void learn(ReportDefinition report) {
    discoverer.discoverInBackground(
        report,
        names -> {
          if (!names.isEmpty()) {
            remember(report.table(), names);
          }
        });
  }

  private void remember(String table, List<String> names) {
    learned.put(key(table), List.copyOf(names));
    cache.ifPresent(c -> c.put(table, names));
    generation.incrementAndGet();
  }

  private List<ColumnInfo> merge(String table, List<String> names) {
    List<ColumnInfo> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(known.describe(table, name));
    }
    for (ColumnInfo column : known.columns(table)) {
      if (column.jsonOnly()
          && columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
        columns.add(column);
      }
    }
    return columns;
  }

  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}
