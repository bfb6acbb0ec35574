package io.khorosjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadOnlyPrepareTest {
  @Test
  void findsTheFirstKeywordPastCommentsAndParentheses() {
    assertEquals("SELECT", ReadOnlyPrepare.firstKeyword("select 1"));
    assertEquals("INSERT", ReadOnlyPrepare.firstKeyword("  -- note\n/* c */ insert into t"));
    assertEquals("WITH", ReadOnlyPrepare.firstKeyword("(WITH x AS (SELECT 1) SELECT * FROM x)"));
    assertEquals("", ReadOnlyPrepare.firstKeyword("   "));
  }
}
