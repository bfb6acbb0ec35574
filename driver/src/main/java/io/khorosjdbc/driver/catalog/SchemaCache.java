package io.khorosjdbc.driver.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers discovered column names on disk so that describing a table does not run an export every
 * time a tool connects. One JSON file per tenant and table; an entry older than the TTL is ignored.
 * A damaged file is treated as a miss, never as an error.
 */
public final class SchemaCache {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Duration ttl;
  private final Clock clock;

  /**
   * @param directory where this tenant's entries live (the caller keys it by tenant)
   * @param ttl how long an entry is trusted
   */
  public SchemaCache(Path directory, Duration ttl, Clock clock) {
    this.directory = directory;
    this.ttl = ttl;
    this.clock = clock;
  }

  public Optional<List<String>> get(String table) {
    Path file = file(table);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode entry = JSON.readTree(file.toFile());
      long age = clock.millis() - entry.path("discoveredAt").asLong(0);
      if (age < 0 || age > ttl.toMillis()) {
        return Optional.empty();
      }
      List<String> names = new ArrayList<>();
      entry.path("columns").forEach(n -> names.add(n.asText()));
      return names.isEmpty() ? Optional.empty() : Optional.of(names);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable schema cache entry {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  public void put(String table, List<String> columns) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("discoveredAt", clock.millis());
    columns.forEach(entry.putArray("columns")::add);
    try {
      Files.createDirectories(directory);
      // Write then move, so a concurrent reader never sees half a file.
      Path temp = Files.createTempFile(directory, table, ".tmp");
      JSON.writeValue(temp.toFile(), entry);
      Files.move(
          temp, file(table), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "could not write schema cache entry for {} in {}: {}", table, directory, e.getMessage());
    }
  }

  private Path file(String table) {
    return directory.resolve(table.toLowerCase(Locale.ROOT) + ".json");
  }
}
