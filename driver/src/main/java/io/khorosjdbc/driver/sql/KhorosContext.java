package io.khorosjdbc.driver.sql;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.AnalyticsClient;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.SchemaResolver;
import io.khorosjdbc.driver.export.ExportLedger;
import io.khorosjdbc.driver.export.ExportRunner;
import io.khorosjdbc.driver.jdbc.ConnectionConfig;
import io.khorosjdbc.driver.export.cache.TenantCache;
import java.io.Closeable;
import java.util.Optional;

/**
 * Everything one connection's tables share: its settings, API client, export runner and schema
 * resolver. Closed with the connection, which stops its jobs and releases its sockets.
 */
public record KhorosContext(
    ConnectionConfig config,
    ReportCatalog catalog,
    AnalyticsClient client,
    ExportRunner runner,
    ExportLedger ledger,
    SchemaResolver schemaResolver,
    Optional<TenantCache> exportCache) implements Closeable {

  public KhorosContext {
    requireNonNull(config, "config");
    requireNonNull(catalog, "catalog");
    requireNonNull(client, "client");
    requireNonNull(runner, "runner");
    requireNonNull(ledger, "ledger");
    requireNonNull(schemaResolver, "schemaResolver");
    requireNonNull(exportCache, "exportCache");
  }

  @Override
  public void close() {
    runner.close();
    client.close();
  }

  @Override
  public String toString() {
    return "KhorosContext[" + config + "]";
  }
}
