package io.khorosjdbc.driver.export.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed copies of cached exports ({@link TypedCopy}), kept in memory for every connection of this
 * JVM: a query that reads a cached export takes a copy's values, if one holds its columns, instead
 * of parsing the body again.
 *
 * <p>A copy belongs to one cache entry: its body file as written at one time. When the entry
 * expires, is written again or is evicted, the export cache no longer returns it, so its copies are
 * never read again; they leave memory as the least recently used when others need the room.
 */
public final class TypedCopies {
  private static final TypedCopies JVM = new TypedCopies();

  /** The cache entry a copy was made from. */
  private record Source(Path body, long createdAt) {
    static Source of(ExportCache.Entry entry) {
      return new Source(entry.body().toAbsolutePath().normalize(), entry.createdAt());
    }
  }

  /** In access order: the least recently used first. */
  private final Map<Source, List<TypedCopy>> copies = new LinkedHashMap<>(16, 0.75f, true);

  private long bytes;

  TypedCopies() {}

  /** The copies of this JVM. */
  static TypedCopies shared() {
    return JVM;
  }

  /** A copy of the entry that holds every column of {@code needed}, if one is kept. */
  synchronized Optional<TypedCopy> find(ExportCache.Entry entry, CopyLayout needed) {
    List<TypedCopy> kept = copies.get(Source.of(entry));
    if (kept == null) {
      return Optional.empty();
    }
    return kept.stream().filter(copy -> copy.layout().serves(needed)).findFirst();
  }

  /**
   * Keeps a copy of the entry (replacing those of the entry it serves for), then drops the least
   * recently used copies of other entries until all take at most {@code budget} bytes.
   */
  synchronized void keep(ExportCache.Entry entry, TypedCopy copy, long budget) {
    Source source = Source.of(entry);
    List<TypedCopy> kept = copies.computeIfAbsent(source, s -> new ArrayList<>());
    for (Iterator<TypedCopy> old = kept.iterator(); old.hasNext(); ) {
      TypedCopy replaced = old.next();
      if (copy.layout().serves(replaced.layout())) {
        old.remove();
        bytes -= replaced.bytes();
      }
    }
    kept.add(copy);
    bytes += copy.bytes();

    for (Iterator<Map.Entry<Source, List<TypedCopy>>> eldest = copies.entrySet().iterator();
        bytes > budget && eldest.hasNext(); ) {
      Map.Entry<Source, List<TypedCopy>> other = eldest.next();
      if (!other.getKey().equals(source)) {
        other.getValue().forEach(dropped -> bytes -= dropped.bytes());
        eldest.remove();
      }
    }
    while (bytes > budget && kept.size() > 1) {
      bytes -= kept.remove(0).bytes();
    }
  }

  /** Forgets the copies of entries under {@code directory} (the cache was emptied). */
  synchronized void forget(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    for (Iterator<Map.Entry<Source, List<TypedCopy>>> all = copies.entrySet().iterator();
        all.hasNext(); ) {
      Map.Entry<Source, List<TypedCopy>> entry = all.next();
      if (entry.getKey().body().startsWith(root)) {
        entry.getValue().forEach(dropped -> bytes -= dropped.bytes());
        all.remove();
      }
    }
  }

  /** The bytes all copies take, as estimated. */
  synchronized long bytes() {
    return bytes;
  }
}
