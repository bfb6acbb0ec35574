package io.khorosjdbc.driver.it;

import static io.khorosjdbc.driver.it.ExportTables.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.testing.EmulatorFixture;
import io.khorosjdbc.emulator.CompletedDetail;
import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.StatusDetailKey;
import io.khorosjdbc.emulator.StatusShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status forms of the documentation and of the legacy jobs listing, served by the emulator: the
 * field {@code detail} or {@code details}, and a completed job shown as {@code COMPLETED} or as
 * {@code CLOSED} with an empty or null detail and a live download URL. A query reads the same rows
 * in every form, and a failed job still fails.
 */
class StatusFormsTest {
  private static final String QUERY =
      "SELECT RESPONSE_ID, AGENT_NAME FROM response" + ExportTables.WHERE;

  private static KhorosEmulator.Builder tenant() {
    return EmulatorFixture.defaults().rowsPerDay(500);
  }

  private static List<String> rowsFrom(KhorosEmulator.Builder tenant) throws SQLException {
    try (EmulatorFixture emu = new EmulatorFixture(tenant);
        Connection connection = emu.connect()) {
      return rows(connection, QUERY);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    "DETAILS, COMPLETED, DOCUMENTED",
    "DETAIL, EMPTY, DOCUMENTED",
    "DETAILS, NULL, ARRAY",
    "DETAILS, EMPTY, OBJECT"
  })
  void aQueryReadsTheSameRowsInEveryStatusForm(
      StatusDetailKey key, CompletedDetail completed, StatusShape shape) throws SQLException {
    List<String> expected = rowsFrom(tenant());

    assertFalse(expected.isEmpty());
    assertEquals(
        expected,
        rowsFrom(tenant().statusDetailKey(key).completedDetail(completed).statusShape(shape)));
  }

  @ParameterizedTest
  @CsvSource({"DETAILS, NULL", "DETAIL, EMPTY"})
  void aFailedJobStillFailsWhenACompletedOneHasNoDetail(
      StatusDetailKey key, CompletedDetail completed) {
    try (EmulatorFixture emu =
        new EmulatorFixture(
            tenant().statusDetailKey(key).completedDetail(completed).faults("create:failed:x1"))) {
      String message =
          assertThrows(
                  SQLException.class,
                  () -> {
                    try (Connection connection = emu.connect()) {
                      rows(connection, QUERY);
                    }
                  })
              .getMessage();

      assertTrue(message.contains("FAILED on the server"), message);
    }
  }
}
