package io.khorosjdbc.driver.sql;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.api.TenantDirectory;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.SchemaResolver;
import io.khorosjdbc.driver.export.ExportLedger;
import io.khorosjdbc.driver.export.ExportSession;
import io.khorosjdbc.driver.export.cache.TenantCache;
import java.io.Closeable;
import java.util.Optional;

/**
 * Everything one connection's tables share: its settings, its export session on the tenant's
 * scheduler, and its schema resolver. Closed with the connection, which stops its queries.
 */
public record KhorosContext(
    SqlSettings config, ReportCatalog catalog, ExportSession exports, SchemaResolver schemaResolver)
    implements Closeable {

  public KhorosContext {
    requireNonNull(config, "config");
    requireNonNull(catalog, "catalog");
    requireNonNull(exports, "exports");
    requireNonNull(schemaResolver, "schemaResolver");
  }

  /** The tenant's teams and time zones. */
  public TenantDirectory directory() {
    return exports.scheduler().client();
  }

  /** Every export this JVM ran for the tenant. */
  public ExportLedger ledger() {
    return exports.scheduler().ledger();
  }

  public Optional<TenantCache> exportCache() {
    return exports.cache();
  }

  @Override
  public void close() {
    exports.close();
  }

  @Override
  public String toString() {
    return "KhorosContext[" + config + "]";
  }
}
