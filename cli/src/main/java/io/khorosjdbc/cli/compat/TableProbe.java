package io.khorosjdbc.cli.compat;

import io.khorosjdbc.driver.api.ExportHandle;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.export.PollPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One table's export during the check and everything observed about it: the job's timing and status
 * shapes, HTTP errors, and the file's header and column profiles. Mutable; used by one thread.
 */
final class TableProbe {
  final ReportDefinition report;

  ExportHandle handle;
  PollPlan plan;

  /** When the create returned (System.nanoTime based millis). */
  long createdAt;

  long nextPollAt;
  int polls;

  /** API requests sent for this table (creates, polls, download links; retries included). */
  int requests;

  long lastRunningMillis = -1;
  long readyMillis = -1;
  final Map<String, String> statusShapes = new LinkedHashMap<>();
  final Set<String> detailKeys = new TreeSet<>();
  final Map<Integer, Integer> httpErrors = new TreeMap<>();
  final Map<String, Integer> transportErrors = new TreeMap<>();

  List<String> header = List.of();
  List<ColumnProfile> profiles = List.of();
  long rows;
  long raggedRows;
  long bytes;
  boolean byteOrderMark;

  /** Why the table could not be checked (for the report), or null. */
  String error;

  /** The same in a word or two, safe to save (no host, no message text): e.g. {@code HTTP 403}. */
  String errorKind;

  boolean done;

  TableProbe(ReportDefinition report) {
    this.report = report;
  }

  String table() {
    return report.table();
  }

  /** Forgets what a broken download had read, before it is read again. */
  void resetFile() {
    header = List.of();
    profiles = new ArrayList<>();
    rows = 0;
    raggedRows = 0;
    bytes = 0;
    byteOrderMark = false;
  }

  void shape(String state, String shape) {
    statusShapes.merge(state, shape, (a, b) -> a.equals(b) ? a : "mixed");
  }

  void fail(String message, String kind) {
    error = message;
    errorKind = kind;
    done = true;
  }
}
