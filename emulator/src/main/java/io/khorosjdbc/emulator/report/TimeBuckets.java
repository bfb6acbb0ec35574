package io.khorosjdbc.emulator.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code timeInterval} buckets of team_performance_interval. Fixed intervals start at
 * startTime; intervals longer than a week become calendar months in the request's time zone. The
 * last bucket is clipped to the window's end.
 */
public final class TimeBuckets {
  public static final long WEEK = 604_800_000L;
  public static final List<Long> ALLOWED =
      List.of(
          300_000L,
          600_000L,
          900_000L,
          1_800_000L,
          3_600_000L,
          7_200_000L,
          14_400_000L,
          28_800_000L,
          43_200_000L,
          86_400_000L,
          WEEK);
  private static final String HYDRATION =
      "Unable to hydrate filter for export info: "
          + "com.lithium.socialweb.analytics.webapp.models.filter.HydrationException: "
          + "Too many buckets (%d) requested. Select a larger interval?";

  private final long[] starts;
  private final long[] ends;

  private TimeBuckets(List<long[]> bounds) {
    starts = bounds.stream().mapToLong(b -> b[0]).toArray();
    ends = bounds.stream().mapToLong(b -> b[1]).toArray();
  }

  /**
   * Buckets for a validated interval.
   *
   * @throws ApiException 400 naming the value if it is not allowed, or with the HydrationException
   *     text as {@code result} if the window needs more than {@code cap} buckets
   */
  public static TimeBuckets of(Window window, long interval, ZoneId zone, int cap) {
    if (interval <= WEEK && !ALLOWED.contains(interval)) {
      throw ApiException.badRequest(
          "timeInterval="
              + interval
              + " is not supported; allowed values (ms): "
              + ALLOWED.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + ", or any value above "
              + WEEK
              + " for monthly buckets");
    }
    long start = window.start();
    long end = window.endExclusive();
    long count =
        interval > WEEK
            ? months(start, end, zone).size()
            : Math.max(0, (end - start + interval - 1) / interval);
    if (count > cap) {
      throw new ApiException(
          400,
          "timeInterval="
              + interval
              + " needs "
              + count
              + " buckets for this window; at most "
              + cap
              + " are allowed. Select a larger interval.",
          String.format(HYDRATION, count));
    }
    if (interval > WEEK) {
      return new TimeBuckets(months(start, end, zone));
    }
    List<long[]> bounds = new ArrayList<>();
    for (long s = start; s < end; s += interval) {
      bounds.add(new long[] {s, Math.min(end, s + interval)});
    }
    return new TimeBuckets(bounds);
  }

  /** A single bucket covering the whole window (team_performance). */
  public static TimeBuckets whole(Window window) {
    return new TimeBuckets(List.<long[]>of(new long[] {window.start(), window.endExclusive()}));
  }

  private static List<long[]> months(long start, long end, ZoneId zone) {
    List<long[]> out = new ArrayList<>();
    long s = start;
    while (s < end) {
      ZonedDateTime monthStart =
          Instant.ofEpochMilli(s).atZone(zone).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      long next = monthStart.plusMonths(1).toInstant().toEpochMilli();
      out.add(new long[] {s, Math.min(end, next)});
      s = next;
    }
    return out;
  }

  public int size() {
    return starts.length;
  }

  public long start(int i) {
    return starts[i];
  }

  public long end(int i) {
    return ends[i];
  }

  /** The bucket holding {@code t}, or -1. */
  public int indexOf(long t) {
    int i = Arrays.binarySearch(starts, t);
    int idx = i >= 0 ? i : -i - 2;
    return idx >= 0 && t < ends[idx] ? idx : -1;
  }
}
