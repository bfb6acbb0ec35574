package io.khorosjdbc.driver.export.cache;

import static java.util.Objects.requireNonNull;

import io.khorosjdbc.driver.export.ExportSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One tenant's view of the export cache: look-ups and fills of its own entries. */
public record TenantCache(ExportCache cache, String tenant) {
  private static final Logger LOG = LoggerFactory.getLogger(TenantCache.class);

  public TenantCache {
    requireNonNull(cache, "cache");
    requireNonNull(tenant, "tenant");
  }

  public Optional<ExportCache.Entry> find(ExportSpec spec) {
    return cache.find(tenant, spec);
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
        writer = cache.writer(tenant, spec);
        return new TeeInputStream(body, writer.output());
      } catch (IOException e) {
        LOG.warn("not caching {}: {}", spec.describe(), e.getMessage());
        return body;
      }
    }

    /** Keeps the copy: the whole body was read without error. */
    public synchronized void commit() {
      if (writer != null) {
        try {
          writer.commit();
        } catch (IOException e) {
          LOG.warn("could not cache {}: {}", spec.describe(), e.getMessage());
        } finally {
          writer.close();
          writer = null;
        }
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
