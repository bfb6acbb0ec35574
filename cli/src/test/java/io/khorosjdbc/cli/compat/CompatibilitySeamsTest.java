package io.khorosjdbc.cli.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.cli.compat.ValueFormats.ColumnFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check's simple spelling and format rules, and its bands. */
class CompatibilitySeamsTest {
  private final HeaderSpelling spelling = HeaderSpelling.builtIn();
  private final ValueFormats formats = ValueFormats.builtIn();

  @Test
  void headerStylesAndKeys() {
    assertEquals("api", spelling.styleOf("CONVERSATION_ID"));
    assertEquals("api", spelling.styleOf("agent_email"));
    assertEquals("api", spelling.styleOf("STATUS"));
    assertEquals("display", spelling.styleOf("Conversation ID"));
    assertEquals("display", spelling.styleOf("Conversation Id"));
    assertEquals("display", spelling.styleOf("Status"));
    assertEquals("camel", spelling.styleOf("conversationId"));
    assertEquals("", spelling.styleOf("status"), "one lower-case word fits api and camel alike");
    for (String name :
        List.of(
            "CONVERSATION_ID",
            "conversation_id",
            "Conversation ID",
            "Conversation Id",
            "conversationId",
            " Conversation  Id ")) {
      assertEquals("CONVERSATION_ID", spelling.key(name), name);
    }
    assertEquals("api", spelling.styleOf(List.of("CONVERSATION_ID", "status")));
    assertEquals("mixed", spelling.styleOf(List.of("CONVERSATION_ID", "Agent Name")));
    assertEquals("camel", spelling.styleOf(List.of("status", "agentName")));
    assertEquals("unknown", spelling.styleOf(List.of("status", "tags")));
  }

  @Test
  void timestampsByPattern() {
    assertEquals(
        new ColumnFormat("timestamp", "yyyy-MM-dd HH:mm:ss"),
        formats.detect("CREATED_TIME", List.of("2019-02-01 13:45:00", "2019-02-28 00:00:59")));
    assertEquals(
        new ColumnFormat("timestamp", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
        formats.detect(
            "CREATED_TIME", List.of("2019-02-01T13:45:00.000Z", "2019-02-01T07:45:00.000-06:00")));
    assertEquals(
        new ColumnFormat("timestamp", "MM/dd/yyyy hh:mm:ss a"),
        formats.detect(
            "CREATED_TIME", List.of("02/01/2019 01:45:00 PM", "12/31/2019 12:00:00 AM")));
    assertEquals(
        new ColumnFormat("timestamp", "dd.MM.yyyy HH:mm:ss"),
        formats.detect("CREATED_TIME", List.of("31.01.2019 13:45:00")));
    assertEquals(
        new ColumnFormat("timestamp", "epoch-millis"),
        formats.detect("CREATED_TIME", List.of("1549028700000", "1549028760000")));
    assertEquals(
        new ColumnFormat("long", "plain"),
        formats.detect("AUTHOR_ID", List.of("1549028700000")),
        "thirteen digits are a time only in a column named like one");
    assertEquals(
        "text",
        formats.detect("CREATED_TIME", List.of("2019-02-30 10:00:00")).type(),
        "no 30th of February");
  }

  @Test
  void numberStyles() {
    assertEquals(
        new ColumnFormat("long", "plain"), formats.detect("N", List.of("0", "-7", "12345")));
    assertEquals(
        new ColumnFormat("double", "plain"), formats.detect("N", List.of("1", "1234.5", "-0.25")));
    assertEquals(
        new ColumnFormat("long", "grouped"),
        formats.detect("N", List.of("12", "1,234", "1,234,567")));
    assertEquals(
        new ColumnFormat("double", "grouped"), formats.detect("N", List.of("1,234.5", "3.25")));
    assertEquals(
        new ColumnFormat("double", "decimal-comma"),
        formats.detect("N", List.of("12,5", "3", "1234,75")));
    assertEquals(
        new ColumnFormat("double", "grouped-decimal-comma"),
        formats.detect("N", List.of("1.234,5", "12,25", "7")));
    assertEquals(
        new ColumnFormat("long", "grouped-decimal-comma"),
        formats.detect("N", List.of("1.234.567", "5")));
  }

  @Test
  void booleansTextAndNothing() {
    assertEquals(
        new ColumnFormat("boolean", "true/false"), formats.detect("B", List.of("true", "false")));
    assertEquals(new ColumnFormat("boolean", "TRUE/FALSE"), formats.detect("B", List.of("FALSE")));
    assertEquals(new ColumnFormat("boolean", "Yes/No"), formats.detect("B", List.of("Yes", "No")));
    assertEquals(new ColumnFormat("text", ""), formats.detect("T", List.of("North West", "x")));
    assertEquals(
        new ColumnFormat("string", ""), formats.detect("S", List.of("a@b.example", "C-1")));
    assertEquals(ColumnFormat.EMPTY, formats.detect("E", List.of()));
  }

  @Test
  void profilesKeepSharesLengthsAndBandsOnly() {
    ColumnProfile p = new ColumnProfile();
    for (String v : List.of("", "abc", "abc", "défg", " ")) {
      p.add(v);
    }
    assertEquals(0.4, p.nullShare());
    assertEquals(3, p.minLength());
    assertEquals(4, p.maxLength());
    assertEquals("2-10", p.distinctBand());
    for (long n : new long[] {0, 1, 2, 10, 11, 100, 101, 1000, 1001}) {
      assertEquals(
          List.of("0", "1", "2-10", "2-10", "11-100", "11-100", "101-1000", "101-1000", ">1000")
              .get(List.of(0L, 1L, 2L, 10L, 11L, 100L, 101L, 1000L, 1001L).indexOf(n)),
          ColumnProfile.band(n));
    }
    ColumnProfile rare = new ColumnProfile();
    rare.add("x");
    for (int i = 0; i < 999; i++) {
      rare.add(null);
    }
    assertEquals(0.99, rare.nullShare(), "a column with one value is not called always empty");
  }

  @Test
  void checkTablesAreValidated() {
    assertEquals(CompatibilityCheck.DEFAULT_TABLES, CompatibilityCheck.parseTables(null));
    assertEquals(14, CompatibilityCheck.parseTables("all").size());
    assertEquals(
        List.of("user", "response"), CompatibilityCheck.parseTables(" user ,RESPONSE,user"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CompatibilityCheck.parseTables("response,respones"));
    assertTrue(
        e.getMessage().contains("unknown table respones")
            && e.getMessage().contains("conversation_actions"),
        e.getMessage());
  }
}
