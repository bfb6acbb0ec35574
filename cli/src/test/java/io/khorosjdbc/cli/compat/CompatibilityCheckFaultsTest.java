package io.khorosjdbc.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.khorosjdbc.driver.jdbc.ConnectionConfig;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.RateLimit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the report says when the tenant answers with errors: every HTTP code seen, and failed jobs.
 */
class CompatibilityCheckFaultsTest {
  @TempDir Path temp;

  private ConnectionConfig config(KhorosEmulator emu) throws Exception {
    Properties p = new Properties();
    p.setProperty("url", emu.baseUrl());
    p.setProperty("companyKey", emu.companyKey());
    p.setProperty("user", emu.user());
    p.setProperty("password", emu.password());
    p.setProperty("requestBudget", "off");
    p.setProperty("pollInitialDelay", "10ms");
    p.setProperty("retryBaseDelay", "10ms");
    p.setProperty("cacheDir", temp.toString());
    return ConnectionConfig.from(p, Map.of());
  }

  @Test
  void httpErrorsAreCountedAndRetriedWhereThatIsSafe() throws Exception {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .jobLatencyMillis(100)
            .rateLimit(RateLimit.OFF)
            .faults("create:503:x1,status:500:x2,download:502:x1")
            .build()
            .start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CompatibilityCheck.Result result =
          new CompatibilityCheck(
                  config(emu),
                  List.of("response"),
                  new PrintStream(bytes, true, StandardCharsets.UTF_8))
              .run();
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(0, result.failures(), out);
      assertTrue(out.contains("  errors     HTTP 500 x2, HTTP 502 x1, HTTP 503 x1"), out);
      JsonNode job = new ObjectMapper().readTree(result.capture().json()).at("/tables/0/job");
      assertEquals("{\"500\":2,\"502\":1,\"503\":1}", job.get("httpErrors").toString());
      assertTrue(job.get("requests").asInt() >= 7, "the retries are requests too: " + job);
    }
  }

  @Test
  void aFailedJobIsReportedAndSavedAsAKindWithoutItsMessage() throws Exception {
    try (KhorosEmulator emu =
        KhorosEmulator.builder()
            .jobLatencyMillis(50)
            .rateLimit(RateLimit.OFF)
            .faults("status:failed:x1")
            .build()
            .start()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CompatibilityCheck.Result result =
          new CompatibilityCheck(
                  config(emu),
                  List.of("conversation"),
                  new PrintStream(bytes, true, StandardCharsets.UTF_8))
              .run();
      String out = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(1, result.failures(), out);
      assertTrue(
          out.contains("conversation: FAILED") && out.contains("the job ended CLOSED/FAILED"), out);
      assertTrue(
          out.contains("result array when FAILED"), "the documented shape of a failed job: " + out);
      JsonNode table = new ObjectMapper().readTree(result.capture().json()).at("/tables/0");
      assertEquals("job FAILED", table.get("error").asText());
      assertFalse(table.has("columns"), table.toString());
    }
  }
}
