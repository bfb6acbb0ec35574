package io.khorosjdbc.driver.api;

/**
 * Marks a request to a pre-signed storage URL. Such a request must never carry credentials, even
 * when the URL is on the API's own host (as with the emulator), and its URL must not be logged
 * because the path itself may be the secret.
 */
enum PresignedTag {
  INSTANCE
}
