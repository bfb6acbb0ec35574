package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

  private static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** All rows as lists of the requested columns' values. */
  private static List<List<String>> read(String csv, String... columns) throws IOException {
    return readAll(new CsvRowReader(utf8(csv), List.of(columns), "conversation"), columns.length);
  }

  static List<List<String>> readAll(RowReader reader, int width) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (reader) {
      while (reader.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          row.add(reader.get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void readsRequestedColumnsInRequestedOrder() throws IOException {
    assertEquals(
        List.of(List.of("OPEN", "c1"), List.of("CLOSED", "c2")),
        read("CONVERSATION_ID,STATUS\nc1,OPEN\nc2,CLOSED\n", "STATUS", "CONVERSATION_ID"));
  }

  @Test
  void skipsALeadingByteOrderMark() throws IOException {
    assertEquals(List.of(List.of("c1")), read("\uFEFFCONVERSATION_ID\nc1\n", "CONVERSATION_ID"));
  }

  @Test
  void givesTheHeaderAsWrittenWithoutTheByteOrderMark() throws IOException {
    try (CsvRowReader reader =
        new CsvRowReader(
            utf8("\uFEFFConversation Id,agent_name\nc1,Ann\n"), List.of(), "conversation")) {
      assertEquals(List.of("Conversation Id", "agent_name"), reader.header());
    }
  }

  @Test
  void readsQuotedCommasQuotesAndLineBreaks() throws IOException {
    String csv =
        "ID,TEXT\r\n1,\"a, b\"\r\n2,\"she said \"\"hi\"\"\"\r\n3,\"line one\nline two\"\r\n";

    assertEquals(
        List.of(List.of("a, b"), List.of("she said \"hi\""), List.of("line one\nline two")),
        read(csv, "TEXT"));
  }

  @Test
  void acceptsLfAndCrlfLineEnds() throws IOException {
    assertEquals(List.of(List.of("1"), List.of("2")), read("ID\r\n1\n2\r\n", "ID"));
  }

  @Test
  void readsNonAsciiText() throws IOException {
    assertEquals(
        List.of(List.of("Zoë Ünal 日本 🎉")), read("AGENT_NAME\nZoë Ünal 日本 🎉\n", "AGENT_NAME"));
  }

  @Test
  void readsAOneMegabyteField() throws IOException {
    String big = "x".repeat(1 << 20);

    assertEquals(big, read("ID,BODY\n1,\"" + big + "\"\n", "BODY").get(0).get(0));
  }

  @Test
  void matchesDisplayNameHeadersToApiNames() throws IOException {
    assertEquals(
        List.of(List.of("c1", "Ann")),
        read("Conversation Id,Agent Name\nc1,Ann\n", "CONVERSATION_ID", "agent_name"));
  }

  @Test
  void readsAHeaderOfUiNamesIncludingOnesThatDifferBeyondSpelling() throws IOException {
    assertEquals(
        List.of(List.of("c1", "a-7", "Europe/Paris")),
        read(
            "Conversation ID,Assignee ID,Time Zone\nc1,a-7,Europe/Paris\n",
            "CONVERSATION_ID",
            "ASSIGNED_AGENT_DISPLAY_ID",
            "TIME_ZONE"));
  }

  @Test
  void readsACamelCaseHeader() throws IOException {
    assertEquals(
        List.of(List.of("Ann", "r1", "https://x/1")),
        read(
            "responseId,respondingAgentName,postURL\nr1,Ann,https://x/1\n",
            "RESPONDING_AGENT_NAME",
            "RESPONSE_ID",
            "POST_URL"));
  }

  @Test
  void readsAHeaderThatMixesSpellings() throws IOException {
    assertEquals(
        List.of(List.of("c1", "OPEN", "3")),
        read(
            "conversationID,Status,priority_level\nc1,OPEN,3\n",
            "CONVERSATION_ID",
            "STATUS",
            "PRIORITY_LEVEL"));
  }

  @Test
  void twoHeaderFieldsThatNameOneColumnAreAnErrorNamingBoth() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> read("Conversation ID,STATUS,conversation_id\nc1,OPEN,c2\n", "CONVERSATION_ID"));

    assertTrue(
        e.getMessage()
            .startsWith(
                "conversation: the header fields 'Conversation ID' and 'conversation_id' "
                    + "both name column CONVERSATION_ID"),
        e.getMessage());
  }

  @Test
  void twoHeaderFieldsForAColumnNobodyAskedForAreNoError() throws IOException {
    assertEquals(
        List.of(List.of("OPEN")),
        read("Conversation ID,STATUS,conversation_id\nc1,OPEN,c2\n", "STATUS"));
  }

  @Test
  void aHeaderFieldThatSpellsTheColumnWinsOverAUiNameOfIt() throws IOException {
    assertEquals(
        List.of(List.of("d-1")),
        read("Assignee ID,ASSIGNED_AGENT_DISPLAY_ID\nx,d-1\n", "ASSIGNED_AGENT_DISPLAY_ID"));
  }

  @Test
  void mapsEmptyValuesToNull() throws IOException {
    List<String> row = read("A,B\n,\"\"\n", "A", "B").get(0);

    assertNull(row.get(0));
    assertNull(row.get(1));
  }

  @Test
  void countsDataRows() throws IOException {
    try (RowReader reader = new CsvRowReader(utf8("ID\n1\n2\n"), List.of("ID"), "conversation")) {
      assertEquals(0, reader.rowNumber());
      reader.next();
      reader.next();
      assertEquals(2, reader.rowNumber());
      assertFalse(reader.next());
    }
  }

  @Test
  void anEmptyFileHasNoRows() throws IOException {
    assertEquals(List.of(), read("", "ID"));
  }

  @Test
  void aMissingColumnNamesTheSourceTheColumnAndTheHeader() {
    MissingColumnsException e =
        assertThrows(
            MissingColumnsException.class,
            () -> read("CONVERSATION_ID,STATUS\n", "PRIORITY", "STATUS", "TEAM_ID"));

    assertEquals(
        "conversation: column(s) [PRIORITY, TEAM_ID] missing from the file's header [CONVERSATION_ID, STATUS]",
        e.getMessage());
    assertEquals(List.of("PRIORITY", "TEAM_ID"), e.missing());
    assertEquals(List.of("CONVERSATION_ID", "STATUS"), e.header());
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsNamesTheRow() {
    IOException e = assertThrows(IOException.class, () -> read("A,B\n1,2\n3,4,5\n", "A"));

    assertTrue(e.getMessage().startsWith("conversation: row 2 "), e.getMessage());
    assertTrue(e.getMessage().contains("has 3 fields but the header has 2"), e.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8AreAnError() {
    byte[] latin1 = "NAME\nZo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);

    IOException e =
        assertThrows(
            IOException.class,
            () ->
                readAll(
                    new CsvRowReader(new ByteArrayInputStream(latin1), List.of("NAME"), "author"),
                    1));

    assertEquals(
        "author: cannot read CSV after row 0: the file is not valid UTF-8", e.getMessage());
  }

  @Test
  void readsALastRowThatHasNoLineEnd() throws IOException {
    assertEquals(List.of(List.of("a"), List.of("b")), read("ID,TEXT\n1,a\n2,\"b\"", "TEXT"));
  }

  @Test
  void aBlankLineIsARowWithoutAValueInAOneColumnExportAndSkippedOtherwise() throws IOException {
    List<String> empty = new ArrayList<>();
    empty.add(null);

    assertEquals(List.of(List.of("a"), empty, List.of("b")), read("TEXT\na\n\nb\n", "TEXT"));
    assertEquals(List.of(List.of("a"), List.of("b")), read("ID,TEXT\n1,a\n\n2,b\n", "TEXT"));
  }

  @Test
  void aQuotedFieldLeftOpenAtTheEndFailsTheReadInsteadOfHidingTheRowsAfterIt() {
    IOException e =
        assertThrows(IOException.class, () -> read("ID,TEXT\n1,\"open\n2,b\n3,c\n", "TEXT"));

    assertEquals(
        "conversation: cannot read CSV after row 1: a quoted field opened on line 2 is not closed"
            + " before the end of the file",
        e.getMessage());
  }

  @Test
  void aCharacterAfterAClosingQuoteIsAnErrorNamingTheRowBefore() {
    IOException e = assertThrows(IOException.class, () -> read("ID,TEXT\n1,a\n2,\"b\"c\n", "TEXT"));

    assertTrue(
        e.getMessage().startsWith("conversation: cannot read CSV after row 1: "), e.getMessage());
    assertTrue(e.getMessage().contains("after closing quote"), e.getMessage());
  }

  @Test
  void aRowThatSpellsTheReadersEndMarkerIsAnErrorRatherThanTheEnd() {
    String csv = "TEXT\na\n" + EndMarkedReader.MARKER + "\nb\n";

    IOException e = assertThrows(IOException.class, () -> read(csv, "TEXT"));

    assertEquals(
        "conversation: row 2 (line 3) is the reader's own end-of-file marker, which no export"
            + " can hold",
        e.getMessage());
  }

  @Test
  void aBodyThatFailsWhileReadReportsItsOwnFailureUnwrapped() {
    IOException cut = new IOException("connection reset");
    IllegalStateException stopped = new IllegalStateException("query cancelled");

    assertSame(cut, assertThrows(IOException.class, () -> readFailing(cut)));
    assertSame(stopped, assertThrows(IllegalStateException.class, () -> readFailing(stopped)));
  }

  /** Reads a body whose first rows arrive, then whose next read throws {@code failure}. */
  private static void readFailing(Exception failure) throws IOException {
    byte[] start = "ID\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    InputStream body =
        new SequenceInputStream(
            new ByteArrayInputStream(start),
            new InputStream() {
              @Override
              public int read() throws IOException {
                if (failure instanceof IOException io) {
                  throw io;
                }
                throw (RuntimeException) failure;
              }
            });
    readAll(new CsvRowReader(body, List.of("ID"), "conversation"), 1);
  }

  @Test
  void streamsALargeBody() throws IOException {
    int rows = 200_000;
    InputStream body =
        GeneratedInput.of("ID,NAME,TEXT\n", rows, i -> i + ",agent " + i + ",\"some, text\"\n", "");

    long count = 0;
    String lastId = null;
    try (RowReader reader = new CsvRowReader(body, List.of("TEXT", "ID"), "conversation")) {
      while (reader.next()) {
        count++;
        lastId = reader.get(1);
      }
    }
    assertEquals(rows, count);
    assertEquals(Integer.toString(rows - 1), lastId);
  }
}
