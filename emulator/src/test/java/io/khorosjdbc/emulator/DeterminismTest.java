package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The same seed and parameters give byte-identical files, whichever emulator instance serves them.
 */
class DeterminismTest {
  private static final String QUERY = Windows.days(Windows.MONDAY, 2) + "&reportFormat=csv";

  private static String download(long seed, String export, String query) {
    try (KhorosEmulator emu =
        KhorosEmulator.builder().seed(seed).jobLatencyMillis(5).build().start()) {
      return new ApiClient(emu).export(export, query);
    }
  }

  @Test
  void sameSeedSameBytes() {
    assertEquals(
        download(42, "conversation_history_action", QUERY),
        download(42, "conversation_history_action", QUERY));
    assertEquals(
        download(42, "raw_agent_states", Windows.days(Windows.MONDAY, 2)),
        download(42, "raw_agent_states", Windows.days(Windows.MONDAY, 2)));
  }

  @Test
  void anotherSeedAnotherWorld() {
    assertNotEquals(download(42, "response", QUERY), download(7, "response", QUERY));
  }

  @Test
  void repeatedDownloadsOfOneJobAreIdentical() {
    try (KhorosEmulator emu = KhorosEmulator.builder().jobLatencyMillis(5).build().start()) {
      ApiClient api = new ApiClient(emu);
      String statusUrl =
          ApiClient.json(api.create("combined", QUERY)).at("/result/statusUrl").asText();
      String downloadUrl = api.awaitClosed(statusUrl).at("/result/jobInfo/downloadUrl").asText();
      assertEquals(api.download(downloadUrl).body(), api.download(downloadUrl).body());
    }
  }
}
