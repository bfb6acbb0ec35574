package io.khorosjdbc.driver.export.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.khorosjdbc.driver.export.ExportSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export bodies kept on disk, so that a query whose windows were exported recently runs no API
 * call. An entry is one export's body exactly as downloaded, keyed by tenant, report, window,
 * parameters, format and the values' formatting (locale, time zone: "the slot") and the columns it
 * holds; an entry with more columns serves a query that needs fewer (the readers pick columns by
 * header name).
 *
 * <p>Entries of windows that ended more than a day ago ("closed") live for {@code closedTtl}; more
 * recent ones, whose data may still change, for {@code recentTtl}. Both must stay below the API's
 * 24-hour link life. When the cache grows past {@code maxBytes}, the least recently used entries
 * go. A damaged entry is a miss, never an error. Writers write to a temporary file and move it into
 * place, so a reader never sees half an entry.
 */
public final class ExportCache {
  private static final Logger LOG = LoggerFactory.getLogger(ExportCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLOSED_AFTER = Duration.ofDays(1);
  private static final String BODY = ".body";
  private static final String META = ".json";

  private final Path directory;
  private final Duration recentTtl;
  private final Duration closedTtl;
  private final long maxBytes;
  private final Clock clock;

  public ExportCache(
      Path directory, Duration recentTtl, Duration closedTtl, long maxBytes, Clock clock) {
    this.directory = requireNonNull(directory, "directory");
    this.recentTtl = requireNonNull(recentTtl, "recentTtl");
    this.closedTtl = requireNonNull(closedTtl, "closedTtl");
    this.maxBytes = maxBytes;
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * What an entry's metadata file holds: which export it is and the columns its body has, in file
   * order. The file's keys are these components' names (written and read by Jackson).
   */
  public record Meta(
      String id,
      String report,
      long start,
      long end,
      String parameters,
      String format,
      List<String> metrics,
      long bytes,
      long createdAt) {}

  /** A cached body and its metadata. */
  public record Entry(Path body, Meta meta) {
    public List<String> metrics() {
      return meta.metrics();
    }

    public long bytes() {
      return meta.bytes();
    }

    public long createdAt() {
      return meta.createdAt();
    }
  }

  /**
   * A fresh entry holding every column the spec needs, if there is one.
   *
   * @param formatting how the export's values were asked to be written (locale, zone...)
   */
  public Optional<Entry> find(String tenant, String formatting, ExportSpec spec) {
    Path slot = slotDirectory(tenant, formatting, spec);
    if (!Files.isDirectory(slot)) {
      return Optional.empty();
    }
    long ttl = ttl(spec).toMillis();
    try (DirectoryStream<Path> metas = Files.newDirectoryStream(slot, "*" + META)) {
      for (Path meta : metas) {
        Optional<Entry> entry = read(meta);
        if (entry.isPresent()
            && clock.millis() - entry.get().createdAt() <= ttl
            && new HashSet<>(entry.get().metrics()).containsAll(spec.metrics())) {
          touch(entry.get().body());
          return entry;
        }
      }
    } catch (IOException e) {
      LOG.warn("ignoring unreadable export cache directory {}: {}", slot, e.getMessage());
    }
    return Optional.empty();
  }

  /** Starts writing a body for the spec; {@link Writer#commit()} publishes it. */
  public Writer writer(String tenant, String formatting, ExportSpec spec) throws IOException {
    Path slot = Files.createDirectories(slotDirectory(tenant, formatting, spec));
    return new Writer(slot, spec);
  }

  /** Deletes every entry, and their typed copies; returns how many there were. */
  public long clear() {
    TypedCopies.shared().forget(directory);
    long removed = 0;
    for (Path meta : metaFiles()) {
      removed += delete(meta) ? 1 : 0;
    }
    return removed;
  }

  /** Every entry (of every tenant), for the cache system table; a half-deleted one is left out. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (Path meta : metaFiles()) {
      read(meta).ifPresent(entries::add);
    }
    return entries;
  }

  private Duration ttl(ExportSpec spec) {
    return spec.end() <= clock.millis() - CLOSED_AFTER.toMillis() ? closedTtl : recentTtl;
  }

  private Path slotDirectory(String tenant, String formatting, ExportSpec spec) {
    String slot =
        formatting
            + "|"
            + spec.report().table()
            + "|"
            + spec.start()
            + "|"
            + spec.end()
            + "|"
            + new TreeMap<>(spec.parameters())
            + "|"
            + spec.format().apiValue();
    return directory.resolve(safe(tenant)).resolve(sha256(slot));
  }

  private Optional<Entry> read(Path meta) {
    try {
      Meta read = JSON.readValue(meta.toFile(), Meta.class);
      Path body = meta.resolveSibling(read.id() + BODY);
      if (!Files.isRegularFile(body) || read.metrics() == null) {
        return Optional.empty();
      }
      return Optional.of(new Entry(body, read));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private List<Path> metaFiles() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      // Only the cache's own metadata files (a SHA-256 name): a user's file that happens to end
      // in .json in the same directory must never be read as an entry, nor deleted as one.
      return files
          .filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\" + META))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot list the export cache {}: {}", directory, e.getMessage());
      return List.of();
    }
  }

  private static boolean delete(Path meta) {
    try {
      String name = meta.getFileName().toString();
      Files.deleteIfExists(
          meta.resolveSibling(name.substring(0, name.length() - META.length()) + BODY));
      return Files.deleteIfExists(meta);
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes least recently used entries until the cache fits in {@code maxBytes}. */
  private void evict() {
    record Sized(Path meta, Path body, long bytes, FileTime used) {}
    List<Sized> all = new ArrayList<>();
    long total = 0;
    for (Path meta : metaFiles()) {
      String name = meta.getFileName().toString();
      Path body = meta.resolveSibling(name.substring(0, name.length() - META.length()) + BODY);
      try {
        long bytes = Files.size(body);
        all.add(new Sized(meta, body, bytes, Files.getLastModifiedTime(body)));
        total += bytes;
      } catch (IOException e) {
        delete(meta);
      }
    }
    all.sort(Comparator.comparing(Sized::used));
    for (Sized entry : all) {
      if (total <= maxBytes) {
        return;
      }
      if (delete(entry.meta())) {
        total -= entry.bytes();
      }
    }
  }

  private void touch(Path body) {
    try {
      Files.setLastModifiedTime(body, FileTime.fromMillis(clock.millis()));
    } catch (IOException ignored) {
      // recency is a hint for eviction only
    }
  }

  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes one body; nothing is visible until {@link #commit()}. */
  public final class Writer implements AutoCloseable {
    private final Path slot;
    private final ExportSpec spec;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    private Writer(Path slot, ExportSpec spec) throws IOException {
      this.slot = slot;
      this.spec = spec;
      this.temp = Files.createTempFile(slot, "partial-", ".tmp");
      this.out = Files.newOutputStream(temp);
    }

    /** Where the body's bytes go as they are read. */
    public OutputStream output() {
      return out;
    }

    /** Publishes the body after the whole export was read without error; returns its entry. */
    public Entry commit() throws IOException {
      out.close();
      String id = sha256(String.join(",", spec.metrics()));
      Path body = slot.resolve(id + BODY);
      Files.move(temp, body, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      touch(body);
      Meta meta =
          new Meta(
              id,
              spec.report().table(),
              spec.start(),
              spec.end(),
              new TreeMap<>(spec.parameters()).toString(),
              spec.format().apiValue(),
              spec.metrics(),
              Files.size(body),
              clock.millis());
      Path metaTemp = Files.createTempFile(slot, "meta-", ".tmp");
      JSON.writeValue(metaTemp.toFile(), meta);
      Files.move(
          metaTemp,
          slot.resolve(id + META),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      evict();
      return new Entry(body, meta);
    }

    /** Discards an unfinished body. */
    @Override
    public void close() {
      if (!committed) {
        try {
          out.close();
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.debug("could not remove partial cache file {}: {}", temp, e.getMessage());
        }
      }
    }
  }
}
