package io.khorosjdbc.driver.export.cache;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.export.ExportSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's view of the export cache: look-ups and fills of its own entries, and the typed
 * copies of them this JVM keeps in memory ({@link TypedCopies}).
 *
 * @param formatting how the connection asks the API to write values (locale, time zone): a body
 *     written otherwise is another entry
 * @param copyBudget the most heap, in bytes, typed copies may take; 0 keeps none
 */
public record TenantCache(ExportCache cache, String tenant, String formatting, long copyBudget) {
  private static final Logger LOG = LoggerFactory.getLogger(TenantCache.class);

  public TenantCache {
    requireNonNull(cache, "cache");
    requireNonNull(tenant, "tenant");
    requireNonNull(formatting, "formatting");
  }

  public Optional<ExportCache.Entry> find(ExportSpec spec) {
    return cache.find(tenant, formatting, spec);
  }

  /** A typed copy of the entry that holds the columns of {@code layout}, if one is kept. */
  public Optional<TypedCopy> findCopy(ExportCache.Entry entry, CopyLayout layout) {
    return copyBudget > 0 ? TypedCopies.shared().find(entry, layout) : Optional.empty();
  }

  /** Records a typed copy of an export while a query reads it; none when copies are off. */
  public Optional<CopyRecorder> recorder(CopyLayout layout) {
    return copyBudget > 0 ? Optional.of(new CopyRecorder(layout, copyBudget)) : Optional.empty();
  }

  /** Keeps what {@code recorder} recorded of every row of the entry, if it stayed in budget. */
  public void keep(ExportCache.Entry entry, CopyRecorder recorder) {
    recorder.copy().ifPresent(copy -> TypedCopies.shared().keep(entry, copy, copyBudget));
  }

  /** Starts keeping the body of an export that is about to be downloaded. */
  public Fill fill(ExportSpec spec) {
    return new Fill(spec);
  }

  /**
   * Copies one export's body into the cache while it is read. A download that is opened again
   * (after a broken transfer) starts a new copy; only a body read to its end is kept.
   */
  public final class Fill {
    private final ExportSpec spec;
    private ExportCache.Writer writer;

    private Fill(ExportSpec spec) {
      this.spec = spec;
    }

    /** The body to read, copying into a new cache entry as it goes. */
    public synchronized InputStream copying(InputStream body) {
      discard();
      try {
        writer = cache.writer(tenant, formatting, spec);
        return new TeeInputStream(body, writer.output());
      } catch (IOException e) {
        LOG.warn("not caching {}: {}", spec.describe(), e.getMessage());
        return body;
      }
    }

    /** Keeps the copy: the whole body was read without error. Returns the entry it became. */
    public synchronized Optional<ExportCache.Entry> commit() {
      if (writer == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(writer.commit());
      } catch (IOException e) {
        LOG.warn("could not cache {}: {}", spec.describe(), e.getMessage());
        return Optional.empty();
      } finally {
        writer.close();
        writer = null;
      }
    }

    /** Drops an unfinished copy. */
    public synchronized void discard() {
      if (writer != null) {
        writer.close();
        writer = null;
      }
    }
  }
}
