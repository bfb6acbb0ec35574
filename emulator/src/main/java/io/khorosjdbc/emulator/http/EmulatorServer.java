package io.khorosjdbc.emulator.http;

import com.sun.net.httpserver.HttpServer;
import io.khorosjdbc.emulator.EmulatorConfig;
import io.khorosjdbc.emulator.catalog.Catalog;
import io.khorosjdbc.emulator.export.Exports;
import io.khorosjdbc.emulator.export.ReportWriter;
import io.khorosjdbc.emulator.export.SyntheticData;
import io.khorosjdbc.emulator.fault.Faults;
import io.khorosjdbc.emulator.job.JobRegistry;
import io.khorosjdbc.emulator.replay.ReplayWorld;
import io.khorosjdbc.emulator.report.RequestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server of one emulator: the JDK's built-in server, one handler, a pool of daemon
 * threads.
 */
public final class EmulatorServer {
  private final State state;
  private final EmulatorHandler handler;
  private HttpServer server;
  private ExecutorService executor;

  public EmulatorServer(EmulatorConfig config) {
    Catalog base = config.catalog() == null ? Catalog.bundled() : Catalog.load(config.catalog());
    ReplayWorld replay =
        config.replay() == null
            ? null
            : ReplayWorld.load(config.replay(), config.replayTimeScale());
    Catalog catalog = replay == null ? base : replay.catalog(base);
    SyntheticData data = SyntheticData.of(config.seed(), config.rowsPerDay());
    RequestParser parser =
        new RequestParser(
            data.world(),
            new RequestParser.Settings(
                config.endInclusive(),
                config.authorHistoryCheck(),
                config.strictParams(),
                config.bucketCap(),
                System::currentTimeMillis));
    ReportWriter writer =
        new ReportWriter(
            new ReportWriter.Options(
                config.dateFormat(),
                config.csvHeader(),
                config.jsonNullAsEmpty(),
                config.jsonKeys(),
                config.numberFormat()));
    Faults faults = new Faults(config.seed());
    faults.set(config.faults());
    this.state =
        new State(
            config,
            catalog,
            replay == null
                ? new Exports(data)
                : new Exports(data, replay.sources(base, config.seed())),
            parser,
            writer,
            new JobRegistry(config.seed(), config.jobLatencyJitterPercent()),
            faults,
            new RateLimiter(config.rateLimit()),
            new Journal());
    this.handler = new EmulatorHandler(state);
  }

  public synchronized void start() {
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(state.config().bindAddress(), state.config().port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + state.config().bindAddress() + ":" + state.config().port(), e);
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "khoros-emulator-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<JournalEntry> journal() {
    return state.journal().entries();
  }

  /** Clears the journal, the jobs and the faults. */
  public void reset() {
    handler.admin().reset();
  }

  /** Replaces the fault rules; blank clears them. */
  public void setFaults(String spec) {
    state.faults().set(spec);
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
