package io.khorosjdbc.emulator.report;

/**
 * A request the emulated API refuses. It becomes the JSON envelope {@code
 * {"status":"FAIL","request":null,"message":…,"result":…}} with the given HTTP status.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final transient Object result;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Object result) {
    super(message);
    this.status = status;
    this.result = result;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public int status() {
    return status;
  }

  /** The envelope's {@code result}: usually null, a string for timeInterval HydrationExceptions. */
  public Object result() {
    return result;
  }
}
