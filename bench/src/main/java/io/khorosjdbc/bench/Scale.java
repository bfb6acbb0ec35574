package io.khorosjdbc.bench;

import io.khorosjdbc.emulator.RateLimit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A row run faster than real time: the API's rate-limit window, the jobs and every time constant of
 * the driver that is not derived from the budget are divided by {@code divisor}, so the run behaves
 * as the real one would, {@code divisor} times faster. Figures are reported in real time (measured
 * × divisor), so rows at different scales compare directly with each other and with the targets.
 * The budget's safety margin ({@code max(250 ms, 2%)} of the window) is the one constant the driver
 * does not scale: it makes a scaled budget a little more conservative than a real one.
 *
 * @param divisor 1 for real time, 10 for a 20/6 s window and jobs a tenth as long
 */
record Scale(int divisor) {
  static final Scale REAL = new Scale(1);

  /** The documented limit: 20 requests per minute per tenant. */
  static final int PERMITS = 20;

  static final long WINDOW_MILLIS = 60_000;

  Scale {
    if (divisor < 1) {
      throw new IllegalArgumentException("divisor must be at least 1: " + divisor);
    }
  }

  /** A real duration as run at this scale. */
  long scaled(long realMillis) {
    return Math.max(1, Math.round(realMillis / (double) divisor));
  }

  /** A measured duration in real time. */
  double real(double measuredMillis) {
    return measuredMillis * divisor;
  }

  long windowMillis() {
    return scaled(WINDOW_MILLIS);
  }

  /**
   * How long the driver holds a request in its budget's window: the window plus {@code max(250 ms,
   * 2%)} (docs/reliability.md, "The request budget").
   */
  long spanMillis() {
    return windowMillis() + Math.max(250, windowMillis() / 50);
  }

  /** The documented limit at this scale, as both the emulator and the driver write it. */
  String budget() {
    return PERMITS + "/" + windowMillis() + "ms";
  }

  RateLimit rateLimit() {
    return RateLimit.parse(budget());
  }

  /**
   * The driver's properties at this scale: the budget, and the time constants that do not follow
   * from it (their defaults divided by the divisor).
   */
  Map<String, String> driverProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("requestBudget", budget());
    props.put("pollInitialDelay", scaled(1_000) + "ms");
    props.put("pollMaxDelay", scaled(60_000) + "ms");
    props.put("retryBaseDelay", scaled(250) + "ms");
    props.put("retryMaxDelay", scaled(10_000) + "ms");
    return props;
  }

  /** "real time, 20/60 s" or "1/10: 20/6 s". */
  String label() {
    long ms = windowMillis();
    String window =
        PERMITS
            + "/"
            + (ms % 1000 == 0
                ? ms / 1000 + " s"
                : String.format(Locale.ROOT, "%.2f s", ms / 1000.0));
    return divisor == 1 ? "real time, " + window : "1/" + divisor + ": " + window;
  }
}
