package io.khorosjdbc.emulator.world;

/** The emulated tenant's business hours: Monday to Friday, 09:00 to 17:00 UTC. */
public final class BusinessHours {
  private static final long HOUR = 3_600_000L;

  private BusinessHours() {}

  public static boolean contains(long epochMillis) {
    long hour = Math.floorDiv(epochMillis, HOUR);
    int hourOfDay = (int) Math.floorMod(hour, 24L);
    return isWeekday(hour) && hourOfDay >= 9 && hourOfDay < 17;
  }

  /** Whether the UTC day of this epoch hour is Monday to Friday (1970-01-01 was a Thursday). */
  static boolean isWeekday(long epochHour) {
    int dayOfWeek = (int) Math.floorMod(Math.floorDiv(epochHour, 24L) + 3, 7L); // 0 = Monday
    return dayOfWeek < 5;
  }

  /**
   * How busy an hour is relative to the average hour: busier in business hours, quieter at night
   * and at weekends. Averages to about 1 over a week, so {@code rows-per-day} stays a daily
   * average.
   */
  public static double activity(long epochHour) {
    int hourOfDay = (int) Math.floorMod(epochHour, 24L);
    double daily =
        hourOfDay >= 9 && hourOfDay < 17 ? 1.6 : hourOfDay >= 7 && hourOfDay < 22 ? 1.0 : 0.45;
    return daily * (isWeekday(epochHour) ? 1.0 : 0.5) / 0.852;
  }
}
