package io.khorosjdbc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table the bench prints: per row the metric, our number, the baseline measured in the same
 * run, their ratio, the target and the verdict. Printed as an aligned Markdown table, so the output
 * can be pasted into docs/performance.md as is.
 */
public final class ResultTable {
  /** How a row came out. */
  public enum Verdict {
    PASS,
    FAIL,
    NOT_AVAILABLE,
    ERROR,
    /** Measured for context; no target applies. */
    INFO;

    String label() {
      return switch (this) {
        case PASS -> "PASS";
        case FAIL -> "FAIL";
        case NOT_AVAILABLE -> "n/a";
        case ERROR -> "ERROR";
        case INFO -> "info";
      };
    }
  }

  /** One measured metric. */
  public record Row(
      String metric, String ours, String baseline, String ratio, String target, Verdict verdict) {
    List<String> cells() {
      return List.of(metric, ours, baseline, ratio, target, verdict.label());
    }
  }

  private static final List<String> HEADER =
      List.of("metric", "ours", "baseline", "ratio", "target", "result");

  /** A small table printed after the notes, with notes of its own. */
  public record Appendix(
      String title, List<String> header, List<List<String>> rows, List<String> notes) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<Appendix> appendices = new ArrayList<>();

  public void add(Row row) {
    rows.add(row);
  }

  public void add(
      String metric, String ours, String baseline, String ratio, String target, boolean pass) {
    add(new Row(metric, ours, baseline, ratio, target, pass ? Verdict.PASS : Verdict.FAIL));
  }

  public void notAvailable(String metric, String why, String target) {
    add(new Row(metric, why, "-", "-", target, Verdict.NOT_AVAILABLE));
  }

  /** A row measured for context, against no target. */
  public void info(String metric, String ours, String baseline, String ratio) {
    add(new Row(metric, ours, baseline, ratio, "-", Verdict.INFO));
  }

  public void error(String metric, String message, String target) {
    add(new Row(metric, "error: " + message, "-", "-", target, Verdict.ERROR));
  }

  /** A numbered footnote printed under the table. */
  public void note(String text) {
    notes.add(text);
  }

  /** A further table, printed under the main one's notes, with its own (unnumbered) notes. */
  public void appendix(
      String title, List<String> header, List<List<String>> rows, List<String> notes) {
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("row " + row + " does not match header " + header);
      }
    }
    appendices.add(
        new Appendix(
            title,
            List.copyOf(header),
            rows.stream().map(List::copyOf).toList(),
            List.copyOf(notes)));
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  public String format() {
    StringBuilder out = new StringBuilder();
    appendTable(out, HEADER, rows.stream().map(Row::cells).toList());
    if (!notes.isEmpty()) {
      out.append('\n');
      for (int i = 0; i < notes.size(); i++) {
        out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
      }
    }
    for (Appendix a : appendices) {
      out.append('\n').append(a.title()).append(":\n\n");
      appendTable(out, a.header(), a.rows());
      if (!a.notes().isEmpty()) {
        out.append('\n');
        a.notes().forEach(n -> out.append("- ").append(n).append('\n'));
      }
    }
    return out.toString();
  }

  private static void appendTable(StringBuilder out, List<String> header, List<List<String>> body) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    body.forEach(r -> lines.add(r.stream().map(ResultTable::escape).toList()));
    int[] width = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], Math.max(3, line.get(i).length()));
      }
    }
    appendLine(out, lines.get(0), width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    appendLine(out, rule, width);
    for (List<String> line : lines.subList(1, lines.size())) {
      appendLine(out, line, width);
    }
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append(' ').append(cell).append(" ".repeat(width[i] - cell.length())).append(" |");
    }
    out.append('\n');
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace('\n', ' ');
  }

  // Number formatting shared by the benches.

  /** Seconds with 2 decimals below 10 s, 1 above: "0.62 s", "14.0 s". */
  public static String seconds(double millis) {
    double s = millis / 1000.0;
    return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
  }

  /** "1.23M", "456k", "789". */
  public static String count(double n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2fM", n / 1_000_000);
    }
    if (n >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", n / 1000);
    }
    return String.format(Locale.ROOT, "%.0f", n);
  }

  public static String rate(double rows, double millis) {
    return count(rows / (millis / 1000.0)) + " rows/s";
  }

  public static String mib(double bytes) {
    return String.format(
        Locale.ROOT, bytes >= 10 * 1024 * 1024 ? "%.0f MB" : "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  public static String ratio(double r) {
    return String.format(Locale.ROOT, r >= 100 ? "%.0f×" : r >= 10 ? "%.1f×" : "%.2f×", r);
  }
}
