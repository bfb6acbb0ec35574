package io.khorosjdbc.driver.format;

import static io.khorosjdbc.driver.format.CsvRowReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRowReaderTest {

  private static List<List<String>> read(String json, String... columns) throws IOException {
    InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    return readAll(new JsonRowReader(in, List.of(columns), "raw_agent_states"), columns.length);
  }

  @Test
  void readsAnArrayOfFlatObjects() throws IOException {
    assertEquals(
        List.of(List.of("a1", "Ann"), List.of("a2", "Bob")),
        read(
            """
                [{"agent_id":"a1","agent_name":"Ann"},{"agent_id":"a2","agent_name":"Bob"}]""",
            "agent_id",
            "agent_name"));
  }

  @Test
  void keyOrderDoesNotMatter() throws IOException {
    assertEquals(
        List.of(List.of("a1", "Ann"), List.of("a2", "Bob"), List.of("a3", "Cy")),
        read(
            """
                [{"agent_name":"Ann","agent_id":"a1"},{"agent_id":"a2","agent_name":"Bob"},
                 {"agent_name":"Cy","agent_id":"a3"}]""",
            "agent_id",
            "agent_name"));
  }

  @Test
  void eachRowIsReadByItsOwnKeysWhateverTheRowBeforeHad() throws IOException {
    // The reader expects the keys of the row before, in order; every way of differing from them
    // is read by the row's own keys: fewer or more keys, a key that starts like the expected one,
    // and the same key spelled with a JSON escape.
    assertEquals(
        List.of(
            List.of("1", "n1"),
            Arrays.asList("2", null),
            List.of("3", "n3"),
            Arrays.asList(null, "n4"),
            List.of("5", "n5"),
            List.of("6", "n6")),
        read(
            """
                [{"ID":"1","NAME":"n1"},{"ID":"2"},{"ID":"3","NAME":"n3","EXTRA":"x"},
                 {"ID2":"x","NAME":"n4"},{"I\\u0044":"5","NAME":"n5"},{"ID":"6","NAME":"n6"}]""",
            "ID",
            "NAME"));
  }

  @Test
  void matchesDisplayNameKeys() throws IOException {
    assertEquals(List.of(List.of("Ann")), read("[{\"Agent Name\":\"Ann\"}]", "AGENT_NAME"));
    assertEquals(
        List.of(List.of("c1", "a-7")),
        read(
            """
                [{"Conversation ID":"c1","Assignee ID":"a-7"}]""",
            "CONVERSATION_ID",
            "ASSIGNED_AGENT_DISPLAY_ID"));
  }

  @Test
  void matchesCamelCaseKeysAsTheResponseExportMaySendThem() throws IOException {
    assertEquals(
        List.of(List.of("Ann", "ann@example.com", "c1")),
        read(
            """
                [{"conversationID":"c1","respondingAgentName":"Ann","respondingAgentEmail":"ann@example.com"}]""",
            "RESPONDING_AGENT_NAME",
            "RESPONDING_AGENT_EMAIL",
            "CONVERSATION_ID"));
    assertEquals(
        List.of(List.of("a1", "2019-03-04 13:45:00")),
        read(
            """
                [{"agentId":"a1","stateStartTime":"2019-03-04 13:45:00"}]""",
            "agent_id",
            "state_start_time"));
  }

  @Test
  void twoKeysOfARowThatNameOneColumnAreAnErrorNamingBoth() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                read(
                    """
                [{"agentName":"Ann","agent_name":"Bob"}]""",
                    "agent_name"));

    assertEquals(
        "raw_agent_states: row 1 has the keys 'agentName' and 'agent_name', which both name column "
            + "agent_name, so the driver cannot tell which to read",
        e.getMessage());
  }

  @Test
  void aKeyThatSpellsTheColumnWinsOverAUiNameOfItInEitherOrder() throws IOException {
    assertEquals(
        List.of(List.of("d-1"), List.of("d-2")),
        read(
            """
                [{"Assignee ID":"x","ASSIGNED_AGENT_DISPLAY_ID":"d-1"},
                 {"assignedAgentDisplayId":"d-2","assigneeId":"y"}]""",
            "ASSIGNED_AGENT_DISPLAY_ID"));
  }

  @Test
  void aColumnRequestedTwiceGetsTheValueInBothPlaces() throws IOException {
    assertEquals(
        List.of(List.of("a1", "Ann", "a1")),
        read("[{\"agentId\":\"a1\",\"agentName\":\"Ann\"}]", "agent_id", "agent_name", "AGENT_ID"));
  }

  @Test
  void nullEmptyAndMissingValuesAreNull() throws IOException {
    assertEquals(
        List.of(Arrays.asList(null, null, null)), read("[{\"A\":null,\"B\":\"\"}]", "A", "B", "C"));
  }

  @Test
  void numbersAndBooleansAreReturnedAsTheirText() throws IOException {
    assertEquals(
        List.of(List.of("42", "-1.5E3", "true", "false")),
        read("[{\"A\":42,\"B\":-1.5E3,\"C\":true,\"D\":false}]", "A", "B", "C", "D"));
  }

  @Test
  void ignoresKeysThatWereNotRequested() throws IOException {
    assertEquals(List.of(List.of("1")), read("[{\"EXTRA\":\"x\",\"ID\":\"1\"}]", "ID"));
  }

  @Test
  void anEmptyArrayHasNoRows() throws IOException {
    assertEquals(List.of(), read("[]", "ID"));
  }

  @Test
  void aBodyThatIsNotAnArraySaysWhatWasFound() {
    IOException e = assertThrows(IOException.class, () -> read("{\"status\":\"PASS\"}", "ID"));

    assertEquals(
        "raw_agent_states: expected a JSON array of row objects but found an object",
        e.getMessage());
  }

  @Test
  void aBodyThatIsNotJsonNamesTheSource() {
    IOException e = assertThrows(IOException.class, () -> read("<html>", "ID"));

    assertTrue(
        e.getMessage().startsWith("raw_agent_states: expected a JSON array"), e.getMessage());
  }

  @Test
  void aNestedValueIsAnError() {
    IOException e =
        assertThrows(IOException.class, () -> read("[{\"ID\":\"1\"},{\"ID\":{\"x\":1}}]", "ID"));

    assertEquals(
        "raw_agent_states: row 2, key 'ID' holds an object; export rows must be flat "
            + "(strings, numbers, booleans)",
        e.getMessage());
  }

  @Test
  void aRowThatIsNotAnObjectIsAnError() {
    IOException e = assertThrows(IOException.class, () -> read("[[\"1\"]]", "ID"));

    assertTrue(
        e.getMessage().contains("row 1 should be a JSON object but is an array"), e.getMessage());
  }

  @Test
  void aTruncatedBodyIsAnErrorNamingTheSource() {
    IOException e = assertThrows(IOException.class, () -> read("[{\"ID\":\"1\"},{\"ID\":", "ID"));

    assertTrue(
        e.getMessage().startsWith("raw_agent_states: invalid JSON near row 2"), e.getMessage());
  }

  @Test
  void streamsALargeBody() throws IOException {
    int rows = 200_000;
    InputStream body =
        GeneratedInput.of(
            "[",
            rows,
            i ->
                (i == 0 ? "" : ",")
                    + "{\"agent_id\":\"a"
                    + i
                    + "\",\"agent_name\":\"Agent "
                    + i
                    + "\",\"TOTAL_GREEN_STATE_TIME_MILLIS\":\""
                    + i * 1000L
                    + "\"}",
            "]");

    long count = 0;
    try (RowReader reader =
        new JsonRowReader(body, List.of("TOTAL_GREEN_STATE_TIME_MILLIS", "agent_id"), "user")) {
      while (reader.next()) {
        count++;
      }
      assertEquals("a" + (rows - 1), reader.get(1));
    }
    assertEquals(rows, count);
  }
}
