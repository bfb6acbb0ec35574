package io.khorosjdbc.emulator.replay;

import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.StatusShape;
import java.util.Map;
import java.util.Optional;

/**
 * Seam: how a capture's words for header style, timestamp pattern and status shape map onto the
 * emulator's own switches. Replayed tables do not need it (their headers are served exactly as
 * captured and their values are formatted with the captured patterns); it sets the switches for the
 * rest of the world, so exports the capture did not cover look like the tenant too.
 *
 * <p>When {@code CsvHeaderStyle} learns camelCase and {@code DateFormatStyle} learns more patterns
 * and locales, these three methods are the only place to extend.
 */
public final class ReplayStyles {
  private ReplayStyles() {}

  /**
   * The CSV header switch for a capture's header style ({@code api}, {@code display}, {@code
   * camel}, {@code mixed}).
   */
  public static CsvHeaderStyle csvHeader(String captureStyle) {
    return switch (captureStyle) {
      case "api", "unknown" -> CsvHeaderStyle.API;
      // No camel switch yet: display is the nearer spelling for uncaptured exports.
      default -> CsvHeaderStyle.DISPLAY;
    };
  }

  /**
   * The date switch that prints timestamps the way a capture's pattern reads, when there is one.
   */
  public static Optional<DateFormatStyle> dateFormat(String pattern) {
    return switch (pattern) {
      case "yyyy-MM-dd HH:mm:ss" -> Optional.of(DateFormatStyle.SQL);
      case "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" -> Optional.of(DateFormatStyle.ISO);
      case "MM/dd/yyyy hh:mm:ss a" -> Optional.of(DateFormatStyle.US);
      case "epoch-millis" -> Optional.of(DateFormatStyle.EPOCH);
      default -> Optional.empty();
    };
  }

  /**
   * The status shape that matches what a capture saw per job state ({@code RUNNING}, {@code
   * COMPLETED}, {@code FAILED} → {@code object} or {@code array}); empty when it saw nothing.
   */
  public static Optional<StatusShape> statusShape(Map<String, String> seen) {
    String running = seen.get("RUNNING");
    String completed = seen.get("COMPLETED");
    if (running == null && completed == null) {
      return Optional.empty();
    }
    if ("array".equals(completed)) {
      return Optional.of(StatusShape.ARRAY);
    }
    if ("object".equals(running)) {
      return Optional.of(StatusShape.OBJECT);
    }
    return Optional.of(StatusShape.DOCUMENTED);
  }
}
