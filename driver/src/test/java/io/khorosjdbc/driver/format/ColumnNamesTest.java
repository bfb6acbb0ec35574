package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing documents how the API spells CSV headers and JSON keys: API names, the UI's display
 * names, or camelCase (a warehouse fed from the JSON export has RESPONDINGAGENTNAME). Every
 * spelling binds to the column, and the column discovery turns each back into the API name.
 */
class ColumnNamesTest {

  private static final ColumnBinder CONVERSATION =
      new ColumnBinder(
          List.of(
              "CONVERSATION_ID",
              "STATUS",
              "ASSIGNED_AGENT_ID",
              "ASSIGNED_AGENT_DISPLAY_ID",
              "TIME_ZONE",
              "RESPONDING_AGENT_NAME",
              "AGENT_URL"));

  private static String boundColumn(ColumnBinder binder, String field) {
    ColumnBinder.Binding binding = binder.bind(field);
    return binding == null ? null : binder.columns().get(binding.column());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CONVERSATION_ID",
        "conversation_id",
        "Conversation ID",
        "Conversation Id",
        "conversation id",
        "conversationId",
        "ConversationId",
        "conversationID",
        "conversation-id",
        " Conversation  ID ",
        "CONVERSATIONID"
      })
  void everySpellingOfConversationIdBindsToConversationId(String spelling) {
    assertEquals("CONVERSATION_ID", boundColumn(CONVERSATION, spelling));
    assertEquals("CONVERSATION_ID", CONVERSATION.apiName(spelling));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "respondingAgentName",
        "RespondingAgentName",
        "Responding Agent Name",
        "responding_agent_name",
        "RESPONDINGAGENTNAME"
      })
  void theCamelCaseJsonKeysOfTheResponseExportBind(String spelling) {
    assertEquals("RESPONDING_AGENT_NAME", boundColumn(CONVERSATION, spelling));
  }

  @Test
  void anAcronymIsOneWordWhereverItStands() {
    assertEquals("CONVERSATION_ID", ColumnNames.upperSnake("conversationID"));
    assertEquals("AGENT_URL", ColumnNames.upperSnake("agentURL"));
    assertEquals("AGENT_URL_HOST", ColumnNames.upperSnake("agentURLHost"));
    assertEquals("URL_OF_POST", ColumnNames.upperSnake("URLOfPost"));
    assertEquals("TAG_IDS", ColumnNames.upperSnake("tagIDs"));
    assertEquals("AGENT_URL", boundColumn(CONVERSATION, "agentURL"));
    assertEquals("AGENT_URL", boundColumn(CONVERSATION, "Agent URL"));
  }

  @Test
  void upperSnakeSplitsWordsAtSeparatorsHumpsAndDigits() {
    assertEquals("RESPONDING_AGENT_NAME", ColumnNames.upperSnake("respondingAgentName"));
    assertEquals("CONVERSATION_ID", ColumnNames.upperSnake("Conversation Id"));
    assertEquals("AGENT_NAME", ColumnNames.upperSnake(" Agent-Name "));
    assertEquals("TOTAL_TIME", ColumnNames.upperSnake("Total  -  Time"));
    assertEquals("ADDRESS2_LINE", ColumnNames.upperSnake("address2Line"));
    assertEquals("TIME_MS", ColumnNames.upperSnake("Time (ms)"));
    assertEquals(
        "RESPONDINGAGENTNAME",
        ColumnNames.upperSnake("RESPONDINGAGENTNAME"),
        "a name in one case has no humps to split at");
  }

  @Test
  void upperCasingDoesNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("PRIORITY_ID", ColumnNames.upperSnake("priority id")); // Turkish would give "İ"
      assertEquals("PRIORITYID", ColumnNames.key("priorityId"));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theBeginnersGuidePairsOfUiAndApiNamesBind() {
    assertEquals("CONVERSATION_ID", boundColumn(CONVERSATION, "Conversation ID"));
    assertEquals("ASSIGNED_AGENT_DISPLAY_ID", boundColumn(CONVERSATION, "Assignee ID"));
    assertEquals("TIME_ZONE", boundColumn(CONVERSATION, "Time Zone"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Assignee ID", "assigneeId", "ASSIGNEE_ID", "assignee id"})
  void aUiNameThatDiffersBeyondSpellingBindsThroughTheTableInAnySpelling(String spelling) {
    ColumnBinder.Binding binding = CONVERSATION.bind(spelling);

    assertEquals("ASSIGNED_AGENT_DISPLAY_ID", CONVERSATION.columns().get(binding.column()));
    assertTrue(binding.viaUiName());
    assertEquals(Optional.of("ASSIGNED_AGENT_DISPLAY_ID"), ColumnNames.apiNameOfUiName(spelling));
  }

  @Test
  void theTableOfUiNamesHoldsOnlyNamesThatDifferBeyondSpelling() {
    Map<String, String> table = ColumnNames.uiNames();

    assertEquals("ASSIGNED_AGENT_DISPLAY_ID", table.get("Assignee ID"));
    table.forEach(
        (ui, api) -> assertFalse(ColumnNames.sameName(ui, api), ui + " is a spelling of " + api));
  }

  @Test
  void aUiNameBindsOnlyToAColumnTheListHas() {
    ColumnBinder withoutIt = new ColumnBinder(List.of("CONVERSATION_ID"));

    assertNull(withoutIt.bind("Assignee ID"));
    assertEquals(
        "ASSIGNED_AGENT_DISPLAY_ID",
        withoutIt.apiName("Assignee ID"),
        "discovery still learns the API name");
  }

  @Test
  void aFieldThatIsNoSpellingOfAColumnBindsToNone() {
    assertNull(CONVERSATION.bind("Conversation"));
    assertNull(CONVERSATION.bind("CONVERSATION_IDS"));
    assertNull(CONVERSATION.bind(""));
  }

  @Test
  void discoveryKeepsTheCatalogsSpellingOfAKnownColumn() {
    ColumnBinder agentStates =
        new ColumnBinder(List.of("agent_id", "agent_name", "state_start_time"));

    assertEquals("agent_name", agentStates.apiName("Agent Name"));
    assertEquals("agent_name", agentStates.apiName("agentName"));
    assertEquals("agent_name", agentStates.apiName("AGENT_NAME"));
    assertEquals("state_start_time", agentStates.apiName("stateStartTime"));
  }

  @Test
  void discoveryTurnsAnUnknownDisplayOrCamelHeaderIntoTheExportsConvention() {
    assertEquals("TENANT_LOYALTY_SCORE", CONVERSATION.apiName("Tenant Loyalty Score"));
    assertEquals("TENANT_LOYALTY_SCORE", CONVERSATION.apiName("tenantLoyaltyScore"));
    assertEquals("POST_URL", CONVERSATION.apiName("postURL"));
    ColumnBinder agentStates = new ColumnBinder(List.of("agent_id", "agent_name"));
    assertEquals(
        "device_kind", agentStates.apiName("Device Kind"), "raw_agent_states names are lower case");
    assertEquals("device_kind", agentStates.apiName("deviceKind"));
  }

  @Test
  void discoveryKeepsAnUnknownHeaderThatIsAlreadyWrittenAsAnApiName() {
    assertEquals("custom_field", CONVERSATION.apiName("custom_field"));
    assertEquals("CUSTOM_FIELD", CONVERSATION.apiName("CUSTOM_FIELD"));
    assertEquals("RESPONDINGAGENTEMAIL", CONVERSATION.apiName("RESPONDINGAGENTEMAIL"));
  }

  @Test
  void aColumnNamedTwiceInTheListBindsToItsFirstEntry() {
    ColumnBinder twice = new ColumnBinder(List.of("STATUS", "CONVERSATION_ID", "conversation_id"));

    assertEquals(1, twice.bind("conversationId").column());
    assertEquals(1, twice.firstOfName(2));
    assertEquals(0, twice.firstOfName(0));
  }
}
