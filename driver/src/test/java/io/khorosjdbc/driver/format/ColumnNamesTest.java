package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void apiAndDisplaySpellingsNormalizeAlike() {
        assertEquals("CONVERSATION_ID", ColumnNames.normalize("CONVERSATION_ID"));
        assertEquals("CONVERSATION_ID", ColumnNames.normalize("Conversation Id"));
        assertEquals("AGENT_NAME", ColumnNames.normalize("agent_name"));
        assertEquals("AGENT_NAME", ColumnNames.normalize(" Agent-Name "));
    }

    @Test
    void runsOfSeparatorsBecomeOneUnderscore() {
        assertEquals("TOTAL_TIME", ColumnNames.normalize("Total  -  Time"));
    }

    @Test
    void upperCasingDoesNotDependOnTheDefaultLocale() {
        assertEquals("PRIORITY_ID", ColumnNames.normalize("priority id")); // Turkish locale would give "İ"
    }
}
