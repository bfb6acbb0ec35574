package io.khorosjdbc.driver.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long this tenant's export jobs take, per report, learned from past jobs. Status polls are
 * planned with it (dense near the expected end, sparse before), and so is the choice whether
 * splitting a window into parallel jobs pays. It is kept in a file so that the next JVM (a desktop
 * tool starts one per session) starts informed instead of guessing.
 *
 * <p>The model per report is a straight line, a fixed time per job plus a time per window day,
 * fitted by least squares with both coefficients kept non-negative, over the most recent {@value
 * #KEPT_PER_REPORT} jobs. It needs jobs over windows of clearly different lengths (one at least
 * {@value #DISTINCT_WINDOWS} times another) to tell the two apart; until then the estimate is the
 * mean duration. Server load changes the durations from hour to hour, so the model also says how
 * far off it has been: the mean relative error of its fit, at least {@value #MIN_SPREAD}, or
 * {@value #SINGLE_SAMPLE_SPREAD} from a single job.
 *
 * <p>The file is read once, at construction, and rewritten after each job, merged with what other
 * processes wrote meanwhile (see {@link SharedFile}). A damaged file reads as empty (with a WARN);
 * a file that cannot be written leaves the history in memory only. Neither fails a query. The file
 * holds, per report, the recent jobs' window lengths, durations and record times:
 *
 * <pre>{@code
 * {"format": 1, "reports": {"conversation": [{"days": 7.0, "millis": 24000, "at": 1750000000000}]}}
 * }</pre>
 */
public final class JobDurations {
  private static final Logger LOG = LoggerFactory.getLogger(JobDurations.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final int FORMAT = 1;

  /** How many recent jobs per report the model is fitted to. */
  static final int KEPT_PER_REPORT = 20;

  /** How much longer one window must be than another before a time per day is fitted. */
  static final double DISTINCT_WINDOWS = 1.5;

  /** The least relative spread claimed: the server's load varies even when the fit is perfect. */
  static final double MIN_SPREAD = 0.05;

  /** The relative spread claimed from a single job. */
  static final double SINGLE_SAMPLE_SPREAD = 0.25;

  /**
   * An expected job duration.
   *
   * @param expectedMillis the expected duration
   * @param relativeSpread how far off such estimates have been, as a fraction of the estimate
   * @param samples how many past jobs the estimate is based on
   */
  public record Estimate(long expectedMillis, double relativeSpread, int samples) {}

  /**
   * The fitted duration of one report's jobs: {@code fixedMillis + millisPerDay * windowDays}.
   *
   * @param fixedMillis the time every job takes, whatever its window (at least 0)
   * @param millisPerDay the time each day of the window adds (at least 0)
   * @param relativeSpread how far off the fit has been, as a fraction of its prediction
   * @param samples how many past jobs it was fitted to
   */
  public record Model(double fixedMillis, double millisPerDay, double relativeSpread, int samples) {

    /** The expected duration of a job over a window of {@code windowDays}. */
    public long expectedMillis(double windowDays) {
      return Math.round(fixedMillis + millisPerDay * checkedDays(windowDays));
    }
  }

  /** One past job: its window in days, its duration, and when it was recorded. */
  record Observation(double days, long millis, long at) {}

  private final Optional<SharedFile> file;
  private final Clock clock;

  /**
   * Per report, oldest first; never changed, replaced by {@link #record}, so reads need no lock.
   */
  private volatile Map<String, List<Observation>> history;

  private boolean inMemoryOnly;
  private volatile boolean damageReported;

  /**
   * @param file where the history is kept, read now and rewritten after each job; empty to keep it
   *     in memory only
   * @param clock stamps each job, to keep the most recent ones
   */
  public JobDurations(Optional<Path> file, Clock clock) {
    this.file = requireNonNull(file, "file").map(SharedFile::new);
    this.clock = requireNonNull(clock, "clock");
    this.history = merge(this.file.map(f -> parse(f, f::read)).orElse(Map.of()), Map.of());
  }

  /** Learns from one finished job of {@code report} over a window of {@code windowDays}. */
  public synchronized void record(String report, double windowDays, long durationMillis) {
    requireNonNull(report, "report");
    checkedDays(windowDays);
    if (durationMillis < 0) {
      throw new IllegalArgumentException("negative job duration: " + durationMillis);
    }
    Observation job = new Observation(windowDays, durationMillis, clock.millis());
    Map<String, List<Observation>> mine = merge(history, Map.of(report, List.of(job)));
    history = file.isEmpty() || inMemoryOnly ? mine : write(file.get(), mine);
  }

  /** Writes the history merged with the file's, so that other processes' jobs are kept too. */
  private Map<String, List<Observation>> write(
      SharedFile shared, Map<String, List<Observation>> mine) {
    AtomicReference<Map<String, List<Observation>>> merged = new AtomicReference<>(mine);
    try {
      shared.update(
          current -> {
            merged.set(merge(parse(shared, current), mine));
            return serialize(merged.get());
          });
    } catch (IOException e) {
      inMemoryOnly = true;
      LOG.warn(
          "cannot write the job durations file {} ({}); learning in memory only",
          shared.path(),
          SharedFile.describe(e));
    }
    return merged.get();
  }

  /** The expected duration of a job of {@code report} over {@code windowDays}, if any job ran. */
  public Optional<Estimate> estimate(String report, double windowDays) {
    checkedDays(windowDays);
    return model(report)
        .map(
            model ->
                new Estimate(
                    model.expectedMillis(windowDays), model.relativeSpread(), model.samples()));
  }

  /** The fitted model for planning, if any job of {@code report} ran. */
  public Optional<Model> model(String report) {
    requireNonNull(report, "report");
    return fit(history.getOrDefault(report, List.of()));
  }

  static Optional<Model> fit(List<Observation> jobs) {
    int n = jobs.size();
    if (n == 0) {
      return Optional.empty();
    }
    double minDays = Double.MAX_VALUE;
    double maxDays = 0;
    double meanDays = 0;
    double meanMillis = 0;
    for (Observation job : jobs) {
      minDays = Math.min(minDays, job.days());
      maxDays = Math.max(maxDays, job.days());
      meanDays += job.days() / n;
      meanMillis += (double) job.millis() / n;
    }
    double fixed = meanMillis;
    double perDay = 0;
    if (maxDays > 0 && maxDays >= DISTINCT_WINDOWS * minDays) {
      double sxx = 0;
      double sxy = 0;
      for (Observation job : jobs) {
        sxx += (job.days() - meanDays) * (job.days() - meanDays);
        sxy += (job.days() - meanDays) * (job.millis() - meanMillis);
      }
      perDay = sxy / sxx;
      fixed = meanMillis - perDay * meanDays;
      if (fixed < 0 || perDay < 0) {
        // The best non-negative line then has one coefficient at 0: the mean (no time per day),
        // or a line through the origin (no fixed time), whichever fits better.
        double xx = 0;
        double xy = 0;
        for (Observation job : jobs) {
          xx += job.days() * job.days();
          xy += job.days() * job.millis();
        }
        double throughOrigin = xy / xx;
        if (squaredError(jobs, 0, throughOrigin) < squaredError(jobs, meanMillis, 0)) {
          fixed = 0;
          perDay = throughOrigin;
        } else {
          fixed = meanMillis;
          perDay = 0;
        }
      }
    }
    double spread = SINGLE_SAMPLE_SPREAD;
    if (n > 1) {
      double error = 0;
      for (Observation job : jobs) {
        double predicted = fixed + perDay * job.days();
        error += Math.abs(job.millis() - predicted) / Math.max(predicted, 1) / n;
      }
      spread = Math.max(MIN_SPREAD, error);
    }
    return Optional.of(new Model(fixed, perDay, spread, n));
  }

  private static double squaredError(List<Observation> jobs, double fixed, double perDay) {
    double sum = 0;
    for (Observation job : jobs) {
      double error = job.millis() - (fixed + perDay * job.days());
      sum += error * error;
    }
    return sum;
  }

  private static double checkedDays(double windowDays) {
    if (!(windowDays >= 0) || Double.isInfinite(windowDays)) {
      throw new IllegalArgumentException("bad window length in days: " + windowDays);
    }
    return windowDays;
  }

  /**
   * Both histories in one: per report, the jobs of either (once), oldest first, the most recent
   * {@value #KEPT_PER_REPORT} kept. Unmodifiable.
   */
  private static Map<String, List<Observation>> merge(
      Map<String, List<Observation>> first, Map<String, List<Observation>> second) {
    Map<String, Set<Observation>> union = new TreeMap<>();
    first.forEach(
        (report, jobs) -> union.computeIfAbsent(report, r -> new LinkedHashSet<>()).addAll(jobs));
    second.forEach(
        (report, jobs) -> union.computeIfAbsent(report, r -> new LinkedHashSet<>()).addAll(jobs));
    Map<String, List<Observation>> merged = new TreeMap<>();
    union.forEach(
        (report, jobs) -> {
          List<Observation> list = new ArrayList<>(jobs);
          list.sort(Comparator.comparingLong(Observation::at));
          trim(list);
          merged.put(report, List.copyOf(list));
        });
    return Collections.unmodifiableMap(merged);
  }

  /** Keeps the most recent jobs of a list sorted oldest first. */
  private static void trim(List<Observation> jobs) {
    if (jobs.size() > KEPT_PER_REPORT) {
      jobs.subList(0, jobs.size() - KEPT_PER_REPORT).clear();
    }
  }

  private static byte[] serialize(Map<String, List<Observation>> history) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode reports = root.putObject("reports");
    history.forEach(
        (report, jobs) -> {
          ArrayNode array = reports.putArray(report);
          jobs.forEach(job -> array.add(JSON.valueToTree(job)));
        });
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /**
   * The history in the file, per report; empty if it is damaged or unreadable, with one WARN until
   * it is readable again.
   */
  private Map<String, List<Observation>> parse(SharedFile file, SharedFile.Source source) {
    Map<String, List<Observation>> history = new TreeMap<>();
    try {
      Optional<byte[]> content = source.content();
      if (content.isEmpty()) {
        return history;
      }
      JsonNode root = JSON.readTree(content.get());
      JsonNode reports = root == null ? null : root.get("reports");
      if (reports == null || !reports.isObject()) {
        throw new IOException("not a job durations file");
      }
      for (Map.Entry<String, JsonNode> report : reports.properties()) {
        List<Observation> jobs = new ArrayList<>();
        for (JsonNode entry : report.getValue()) {
          Observation job = JSON.treeToValue(entry, Observation.class);
          if (!(job.days() >= 0) || Double.isInfinite(job.days()) || job.millis() < 0) {
            throw new IOException("bad job in report " + report.getKey());
          }
          jobs.add(job);
        }
        history.put(report.getKey(), jobs);
      }
      damageReported = false;
    } catch (IOException e) {
      if (!damageReported) {
        damageReported = true;
        LOG.warn(
            "ignoring the unreadable job durations file {} ({}); it is rewritten after the"
                + " next job",
            file.path(),
            SharedFile.describe(e));
      }
      history.clear();
    }
    return history;
  }
}
