package io.khorosjdbc.driver.catalog;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a connection decides its tables' columns (see {@link SchemaResolver}), taken from its
 * properties.
 *
 * @param schemaFile the user's own column lists, which win over everything else ({@code
 *     schemaFile}; see {@link SchemaFile})
 * @param cacheDirectory where this tenant's discovered columns are kept between connections; empty:
 *     they are not kept ({@code schemaCache=false}; see {@link SchemaCache})
 * @param cacheTtl how long kept columns are trusted ({@code schemaCacheTtl})
 * @param discoveryTimeout how long learning a table's columns from the server may take, in the
 *     background ({@code discoveryTimeout}; see {@link ColumnDiscoverer})
 */
public record SchemaSettings(
    Optional<Path> schemaFile,
    Optional<Path> cacheDirectory,
    Duration cacheTtl,
    Duration discoveryTimeout) {

  public SchemaSettings {
    requireNonNull(schemaFile, "schemaFile");
    requireNonNull(cacheDirectory, "cacheDirectory");
    requireNonNull(cacheTtl, "cacheTtl");
    requireNonNull(discoveryTimeout, "discoveryTimeout");
  }
}
