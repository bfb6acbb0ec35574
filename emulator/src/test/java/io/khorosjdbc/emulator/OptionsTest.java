package io.khorosjdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Switchable behaviours: status shapes, date styles, empty strings for absent JSON values, the concurrency cap. */
class OptionsTest {
    private static final String DAY = Windows.days(Windows.MONDAY, 1);

    @Test
    void theStatusResultCanBeTheOneElementArrayForm() {
        try (KhorosEmulator emu = KhorosEmulator.builder().statusShape(StatusShape.ARRAY).jobLatencyMillis(0).build().start()) {
            ApiClient api = new ApiClient(emu);
            String statusUrl = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
            JsonNode result = ApiClient.json(api.get(statusUrl, true)).get("result");
            assertTrue(result.isArray());
            assertEquals(1, result.size());
            assertEquals("COMPLETED", result.get(0).at("/result/detail").asText());
        }
    }

    @Test
    void theDetailCanBeSpelledDetailsAsInTheLegacyJobsListing() {
        try (KhorosEmulator emu = KhorosEmulator.builder().statusDetailKey(StatusDetailKey.DETAILS).jobLatencyMillis(0).build().start()) {
            ApiClient api = new ApiClient(emu);
            String statusUrl = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
            JsonNode state = api.awaitClosed(statusUrl).at("/result/result");
            assertEquals("COMPLETED", state.get("details").asText(), state.toString());
            assertTrue(!state.has("detail"), state.toString());

            emu.setFaults("status:failed:x1");
            state = api.status(statusUrl).at("/result/result");
            assertEquals("FAILED", state.get("details").asText(), state.toString());
        }
    }

    @Test
    void aCompletedJobCanBeClosedWithAnEmptyOrNullDetailAndALiveDownloadUrl() {
        for (CompletedDetail detail : new CompletedDetail[] {CompletedDetail.EMPTY, CompletedDetail.NULL}) {
            try (KhorosEmulator emu = KhorosEmulator.builder().completedDetail(detail).jobLatencyMillis(0).build().start()) {
                ApiClient api = new ApiClient(emu);
                String statusUrl = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
                JsonNode status = api.awaitClosed(statusUrl);
                JsonNode state = status.at("/result/result");
                assertEquals(detail == CompletedDetail.EMPTY ? "\"\"" : "null", state.get("detail").toString(), detail.name());
                String downloadUrl = status.at("/result/jobInfo/downloadUrl").asText();
                assertEquals(200, api.download(downloadUrl).statusCode(), "the file is there");

                emu.setFaults("status:failed:x1");
                assertEquals("FAILED", api.status(statusUrl).at("/result/result/detail").asText(), "a failure still says FAILED");
            }
        }
    }

    @Test
    void theDocumentedShapeIsTheDefault() {
        assertEquals(StatusShape.DOCUMENTED, KhorosEmulator.builder().config().statusShape());
    }

    @Test
    void theDocumentedShapeIsAnArrayWhileRunningAnObjectWhenCompletedAndAnArrayWhenFailed() {
        // 60 s per 1,000 expected rows: a 1 ms window completes at once, a whole day runs for a minute.
        try (KhorosEmulator emu = KhorosEmulator.builder().statusShape(StatusShape.DOCUMENTED).rowsPerDay(1000).jobMsPer1kRows(60_000)
                .build().start()) {
            ApiClient api = new ApiClient(emu);
            String running = ApiClient.json(api.create("response", DAY)).at("/result/statusUrl").asText();
            JsonNode result = ApiClient.json(api.get(running, true)).get("result");
            assertTrue(result.isArray(), result.toString());
            assertEquals(1, result.size());
            assertEquals("RUNNING", result.get(0).at("/result/runnerState").asText());

            String done = ApiClient.json(api.create("response", "startTime=0&endTime=1")).at("/result/statusUrl").asText();
            api.awaitClosed(done);
            result = ApiClient.json(api.get(done, true)).get("result");
            assertTrue(result.isObject(), result.toString());
            assertEquals("COMPLETED", result.at("/result/detail").asText());
            assertTrue(result.at("/jobInfo/downloadUrl").asText().contains("/download?"));

            emu.setFaults("status:failed:x1");
            result = ApiClient.json(api.get(running, true)).get("result");
            assertTrue(result.isArray(), result.toString());
            assertEquals(1, result.size());
            assertEquals("CLOSED", result.get(0).at("/result/runnerState").asText());
            assertEquals("FAILED", result.get(0).at("/result/detail").asText());
        }
    }

    @Test
    void dateStylesPrintTheSameInstantDifferently() {
        Map<DateFormatStyle, String> expected = Map.of(
                DateFormatStyle.SQL, "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d",
                DateFormatStyle.ISO, "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}-06:00",
                DateFormatStyle.US, "\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d [AP]M",
                DateFormatStyle.EPOCH, "\\d{13}");
        expected.forEach((style, pattern) -> {
            try (KhorosEmulator emu = KhorosEmulator.builder().dateFormat(style).build().start()) {
                String t = ApiClient.jsonRows(new ApiClient(emu).groundTruth("response", DAY + "&timezone=America/Chicago")).get(0).get("RESPONSE_TIME");
                assertTrue(t.matches(pattern), style + ": " + t);
            }
        });
    }

    @Test
    void absentValuesCanBeEmptyStringsInJson() {
        try (KhorosEmulator emu = KhorosEmulator.builder().jsonNullAsEmpty(true).build().start()) {
            Map<String, String> row = ApiClient.jsonRows(new ApiClient(emu).groundTruth("conversation", DAY + "&reportMetrics=CLOSED_TIME")).get(0);
            assertEquals("", row.get("CLOSED_TIME"));
        }
    }

    @Test
    void theConcurrencyCapAnswers429WithRetryAfter() {
        try (KhorosEmulator emu = KhorosEmulator.builder().maxRunningJobs(1).jobLatencyMillis(60_000).build().start()) {
            ApiClient api = new ApiClient(emu);
            assertEquals(200, api.create("response", DAY).statusCode());
            var second = api.create("response", DAY);
            assertEquals(429, second.statusCode());
            assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
        }
    }
}
