package io.khorosjdbc.driver.api;

/**
 * Records whether a request got as far as being written to a connection. A network interceptor sets
 * it just before OkHttp writes the request; a failure while it is still false (connection refused,
 * TLS handshake) proves the server never saw the request, which is what makes retrying a
 * non-idempotent export creation safe.
 */
final class SendMark {

  private volatile boolean sent;

  void reset() {
    sent = false;
  }

  void sent() {
    sent = true;
  }

  boolean wasSent() {
    return sent;
  }

  /** The network interceptor: marks the request as sent, then lets OkHttp write it. */
  static okhttp3.Interceptor interceptor() {
    return chain -> {
      SendMark mark = chain.request().tag(SendMark.class);
      if (mark != null) {
        mark.sent();
      }
      return chain.proceed(chain.request());
    };
  }
}
