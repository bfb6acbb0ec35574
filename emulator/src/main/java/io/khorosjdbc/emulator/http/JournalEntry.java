package io.khorosjdbc.emulator.http;

import java.util.List;
import java.util.Map;

/**
 * One request as the journal ({@code GET /_emulator/requests}) records it.
 *
 * @param time arrival, epoch milliseconds
 * @param route create, status, download, file, teams, timezones or other
 * @param exportId the export of a create request, else null
 * @param parameters query and body parameters merged (companyKey included; credentials never)
 * @param authSent whether an Authorization header came with the request
 * @param status the HTTP status sent, or 0 when a fault closed the connection without a response
 */
public record JournalEntry(
    long seq,
    long time,
    String method,
    String path,
    String route,
    String exportId,
    Map<String, List<String>> parameters,
    boolean authSent,
    int status) {}
