package io.khorosjdbc.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A saved export file. Its format follows from its name: {@code .json} is the API's JSON (a
 * top-level array of flat objects), anything else CSV with a header row.
 */
final class ExportFile {
  private static final JsonFactory JSON = new JsonFactory();

  private ExportFile() {}

  /** {@code json} or {@code csv}, as {@code reportFormat} and the driver's {@code format} say. */
  static String format(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? "json"
        : "csv";
  }

  static boolean isJson(Path file) {
    return format(file).equals("json");
  }

  /** The Content-Type the API sends the file with. */
  static String contentType(Path file) {
    return isJson(file) ? "application/json; charset=UTF-8" : "text/csv; charset=UTF-8";
  }

  /**
   * The columns the file holds, in file order: the CSV header, or the keys of the first JSON object
   * (none for an empty array).
   */
  static List<String> columns(Path file) throws IOException {
    return isJson(file) ? jsonKeys(file) : csvHeader(file);
  }

  private static List<String> csvHeader(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
      Iterator<CSVRecord> records = parser.iterator();
      return records.hasNext() ? records.next().toList() : List.of();
    }
  }

  private static List<String> jsonKeys(Path file) throws IOException {
    List<String> keys = new ArrayList<>();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException(file + ": not a JSON array");
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return keys;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        keys.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
    }
    return keys;
  }
}
