package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.Download;
import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.catalog.ColumnDiscoverer;
import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.KnownColumns;
import io.khorosjdbc.driver.catalog.ParameterColumns;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.format.ColumnBinder;
import io.khorosjdbc.driver.format.CsvRowReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a tenant's columns for an export from the header of a tiny CSV export (the last hour, no
 * {@code reportMetrics}, so the server sends its default column set), as background work: its
 * requests queue behind every query a user waits for. Headers in display or camelCase form
 * ("Conversation ID", "conversationId") are turned back into API names, preferring the catalog's
 * spelling, by the same rules the readers bind columns with ({@link ColumnBinder}).
 */
public final class ServerColumnDiscoverer implements ColumnDiscoverer {
  private static final Logger LOG = LoggerFactory.getLogger(ServerColumnDiscoverer.class);
  private static final Duration PROBE_WINDOW = Duration.ofHours(1);

  private final ExportSession session;
  private final KnownColumns known;
  private final Clock clock;
  private final Duration timeout;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /**
   * @param timeout how long one discovery may take
   */
  public ServerColumnDiscoverer(
      ExportSession session, KnownColumns known, Clock clock, Duration timeout) {
    this.session = session;
    this.known = known;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public void discoverInBackground(ReportDefinition report, Consumer<List<String>> found) {
    if (!running.add(report.table())) {
      return;
    }
    CompletableFuture.runAsync(
        () -> {
          try {
            found.accept(discover(report));
          } catch (IOException | RuntimeException e) {
            LOG.warn("could not learn the columns of {}: {}", report.table(), e.getMessage());
          } finally {
            running.remove(report.table());
          }
        });
  }

  /** The export's default columns, read from the header of a one-hour export. */
  List<String> discover(ReportDefinition report) throws IOException {
    long end = clock.millis() / 60_000L * 60_000L;
    Map<String, List<String>> parameters =
        report
            .parameter(ParameterColumns.TIME_INTERVAL.name())
            .map(p -> Map.of("timeInterval", List.of(String.valueOf(PROBE_WINDOW.toMillis()))))
            .orElse(Map.of());
    ExportSpec probe =
        new ExportSpec(
            report, end - PROBE_WINDOW.toMillis(), end, List.of(), parameters, ReportFormat.CSV);
    QueryControl control =
        session.newQuery(
            new AtomicBoolean(), timeout.toMillis(), RequestBudget.Priority.BACKGROUND);
    RunningExport export = session.start(probe, control);
    ColumnBinder binder =
        new ColumnBinder(known.columns(report.table()).stream().map(ColumnInfo::name).toList());
    try (Download download = export.openDownload();
        CsvRowReader csv = new CsvRowReader(download.body(), List.of(), report.table())) {
      List<String> names = new ArrayList<>();
      for (String header : csv.header()) {
        names.add(binder.apiName(header));
      }
      export.done(download.bytesRead());
      return names;
    } catch (IOException | RuntimeException e) {
      export.fail(e);
      throw new IOException(
          "could not discover the columns of " + report.table() + ": " + e.getMessage(), e);
    }
  }
}
