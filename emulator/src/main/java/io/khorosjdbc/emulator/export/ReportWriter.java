package io.khorosjdbc.emulator.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.khorosjdbc.emulator.CsvHeaderStyle;
import io.khorosjdbc.emulator.DateFormatStyle;
import io.khorosjdbc.emulator.JsonKeyStyle;
import io.khorosjdbc.emulator.NumberFormatStyle;
import io.khorosjdbc.emulator.report.ReportRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams an export file: CSV (RFC 4180 via Commons CSV, CRLF, header row always) or JSON (a
 * top-level array of flat objects whose values are all strings). Every value is printed as text:
 * timestamps in the request's zone and the configured style, numbers plainly with '.' (or, with
 * {@link NumberFormatStyle#LOCALE}, with the grouping and decimal separators of the request's
 * {@code locale}), booleans as true/false. Absent values are empty in CSV and null (or "" if
 * configured) in JSON. CSV headers and JSON keys spell the column names as configured: API names,
 * display names or camelCase.
 */
public final class ReportWriter {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Output switches of the emulator. */
  public record Options(
      DateFormatStyle dates,
      CsvHeaderStyle csvHeader,
      boolean jsonNullAsEmpty,
      JsonKeyStyle jsonKeys,
      NumberFormatStyle numbers) {}

  private final Options options;

  public ReportWriter(Options options) {
    this.options = options;
  }

  public void write(ReportRequest request, Iterator<Object[]> rows, OutputStream out)
      throws IOException {
    if (request.csv()) {
      writeCsv(request, rows, out);
    } else {
      writeJson(request, rows, out);
    }
  }

  private void writeCsv(ReportRequest request, Iterator<Object[]> rows, OutputStream out)
      throws IOException {
    String[] header =
        request.columns().stream().map(options.csvHeader()::spell).toArray(String[]::new);
    BufferedWriter writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    CSVPrinter printer =
        new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).get());
    String[] record = new String[header.length];
    DecimalFormat numbers = numbers(request);
    while (rows.hasNext()) {
      Object[] values = rows.next();
      for (int i = 0; i < record.length; i++) {
        record[i] = text(values[i], request.zone(), numbers);
      }
      printer.printRecord((Object[]) record);
    }
    printer.flush();
  }

  private void writeJson(ReportRequest request, Iterator<Object[]> rows, OutputStream out)
      throws IOException {
    List<String> keys = request.columns().stream().map(options.jsonKeys()::spell).toList();
    DecimalFormat numbers = numbers(request);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartArray();
      while (rows.hasNext()) {
        Object[] values = rows.next();
        g.writeStartObject();
        for (int i = 0; i < values.length; i++) {
          String v = text(values[i], request.zone(), numbers);
          g.writeFieldName(keys.get(i));
          if (v != null) {
            g.writeString(v);
          } else if (options.jsonNullAsEmpty()) {
            g.writeString("");
          } else {
            g.writeNull();
          }
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /**
   * The number format of the request's locale (en_US when none was sent), or null to print numbers
   * plainly.
   */
  private DecimalFormat numbers(ReportRequest request) {
    if (options.numbers() != NumberFormatStyle.LOCALE) {
      return null;
    }
    Locale locale = request.locale() == null ? Locale.US : request.locale();
    DecimalFormat format = new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(locale));
    format.setMaximumFractionDigits(100);
    return format;
  }

  /**
   * A value as text; {@code numbers} formats whole and decimal numbers, or is null for plain ones.
   */
  private String text(Object v, ZoneId zone, DecimalFormat numbers) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant t) {
      return options.dates().format(t, zone);
    }
    if (v instanceof Double d) {
      BigDecimal exact = BigDecimal.valueOf(d).stripTrailingZeros();
      return numbers == null ? exact.toPlainString() : numbers.format(exact);
    }
    if (numbers != null && (v instanceof Long || v instanceof Integer)) {
      return numbers.format(((Number) v).longValue());
    }
    return v.toString();
  }
}
