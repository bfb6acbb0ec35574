package io.khorosjdbc.emulator.http;

/**
 * Thrown out of a handler to make the JDK server drop the connection at once (it closes the socket
 * when a handler throws), which is how the reset and truncate faults cut a response short.
 */
final class AbortConnection extends RuntimeException {
  AbortConnection(String why) {
    super(why, null, false, false);
  }
}
