package io.khorosjdbc.emulator;

/**
 * The {@code detail} of a completed job: {@code "COMPLETED"} as the status reference shows it, or
 * empty ({@code ""}) or {@code null} as the legacy jobs listing shows a finished job (runnerState
 * {@code CLOSED} with a non-empty {@code downloadUrl}). Running and failed jobs are unaffected.
 */
public enum CompletedDetail {
  COMPLETED,
  EMPTY,
  NULL;

  /** The value of the detail field for a completed job. */
  public String value() {
    return switch (this) {
      case COMPLETED -> "COMPLETED";
      case EMPTY -> "";
      case NULL -> null;
    };
  }
}
