package io.khorosjdbc.emulator.fault;

import java.util.Locale;
import java.util.Set;

/** What an injected fault does, and on which routes it makes sense. */
public enum FaultKind {
  /** 429 Too Many Requests with {@code Retry-After: 1}. */
  HTTP_429("429", 429),
  HTTP_500("500", 500),
  HTTP_502("502", 502),
  HTTP_503("503", 503),
  /** Close the connection without sending a response. */
  RESET("reset", 0),
  /** Send the start of the body, then close the connection. */
  TRUNCATE("truncate", 0),
  /** Send the body slowly. */
  SLOW("slow", 0),
  /** The job ends CLOSED/FAILED. */
  FAILED("failed", 0),
  /** The job stays RUNNING forever. */
  STUCK("stuck", 0),
  /** The download link (or pre-signed file link) reports that it has expired. */
  EXPIRED("expired", 0);

  private final String spelling;
  private final int httpStatus;

  FaultKind(String spelling, int httpStatus) {
    this.spelling = spelling;
    this.httpStatus = httpStatus;
  }

  public String spelling() {
    return spelling;
  }

  /** The status an HTTP-error fault answers with; 0 for the other kinds. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Routes where this kind has an effect; others are refused when the spec is parsed. */
  public Set<String> routes() {
    return switch (this) {
      case FAILED, STUCK -> Set.of("create", "status");
      case EXPIRED -> Set.of("create", "download", "file");
      case TRUNCATE, SLOW -> Set.of("create", "status", "file", "teams", "timezones");
      default -> FaultSpec.ROUTES;
    };
  }

  static FaultKind parse(String s) {
    for (FaultKind k : values()) {
      if (k.spelling.equals(s.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault kind '"
            + s
            + "'; expected 429|500|502|503|reset|truncate|slow|failed|stuck|expired");
  }
}
