package io.khorosjdbc.driver.export;

import io.khorosjdbc.driver.api.ExportRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Names an export request exactly, for sharing its job: two requests with the same key ask the
 * server for the same file. A digest, so that saved files hold no parameter values or company key.
 */
final class RequestKey {
  private RequestKey() {}

  static String of(String tenantKey, ExportRequest request) {
    String canonical =
        String.join(
            "\n",
            tenantKey,
            request.exportId(),
            Boolean.toString(request.marketing()),
            Long.toString(request.startTime()),
            Long.toString(request.endTime()),
            String.join(",", request.reportMetrics()),
            String.valueOf(request.format()),
            String.valueOf(request.locale()),
            String.valueOf(request.timezone()),
            new TreeMap<>(request.parameters()).toString());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
