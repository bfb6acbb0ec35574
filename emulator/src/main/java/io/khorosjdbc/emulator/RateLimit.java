package io.khorosjdbc.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many API requests one company may make within a sliding window, written {@code 20/60s}. The
 * Analytics Reports API documents 20 requests per minute per tenant ({@link #DOCUMENTED}) and
 * nothing about how a client learns it hit the limit; tests scale the window down ({@code
 * 20/600ms}) rather than wait real minutes, and {@link #OFF} lifts the limit for suites that make
 * many requests.
 *
 * @param permits requests allowed within any {@code window}; 0 only for {@link #OFF}
 * @param window length of the sliding window; zero only for {@link #OFF}
 */
public record RateLimit(int permits, Duration window) {
  private static final Duration LONGEST = Duration.ofDays(36_500);
  private static final Pattern SPEC = Pattern.compile("(\\d+)/(\\d+)(ms|s|m|h|d)?");

  /** No limit at all. */
  public static final RateLimit OFF = new RateLimit(0, Duration.ZERO);

  /** The documented limit of the Analytics Reports API: 20 requests per 60 seconds per company. */
  public static final RateLimit DOCUMENTED = new RateLimit(20, Duration.ofSeconds(60));

  public RateLimit {
    Objects.requireNonNull(window, "window");
    boolean off = permits == 0 && window.isZero();
    if (!off && (permits < 1 || window.compareTo(LONGEST) > 0 || window.toMillis() < 1)) {
      throw new IllegalArgumentException(
          "a rate limit needs at least 1 request per window of 1 ms to 100 years, got "
              + permits
              + " per "
              + window);
    }
  }

  /**
   * Reads {@code N/DURATION} ({@code 20/60s}, {@code 20/600ms}, {@code 20/1m}; the units of the
   * other duration flags, a bare number meaning seconds) or {@code off}.
   */
  public static RateLimit parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("off")) {
      return OFF;
    }
    Matcher m = SPEC.matcher(s);
    if (!m.matches()) {
      throw bad(spec, "");
    }
    int permits;
    long n;
    try {
      permits = Integer.parseInt(m.group(1));
      n = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      throw bad(spec, " (number too large)");
    }
    if (permits < 1 || n < 1) {
      throw bad(spec, " (at least 1 request per window longer than 0)");
    }
    String unit = m.group(3) == null ? "s" : m.group(3);
    try {
      Duration window =
          switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
          };
      if (window.compareTo(LONGEST) <= 0) {
        return new RateLimit(permits, window);
      }
    } catch (ArithmeticException e) {
      // falls through to the refusal
    }
    throw bad(spec, " (window longer than 100 years)");
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException(
        "expects N/DURATION such as 20/60s, 20/600ms or 20/1m, or off; got '" + spec + "'" + why);
  }

  public boolean isOff() {
    return permits == 0;
  }

  /**
   * {@code off}, or {@code 20/60s} ({@code 20/600ms} when the window is not whole seconds); {@link
   * #parse} reads it back.
   */
  @Override
  public String toString() {
    if (isOff()) {
      return "off";
    }
    long ms = window.toMillis();
    return permits + "/" + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms");
  }
}
