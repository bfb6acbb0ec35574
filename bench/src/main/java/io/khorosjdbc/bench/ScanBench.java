package io.khorosjdbc.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import io.khorosjdbc.bench.Harness.Drained;
import io.khorosjdbc.bench.Harness.Replayed;
import io.khorosjdbc.bench.Harness.Schema;
import io.khorosjdbc.bench.Harness.Window;
import io.khorosjdbc.bench.SavedExports.GroundTruth;
import io.khorosjdbc.emulator.KhorosEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Full-scan throughput over CSV. The same export (all columns, a window of about a million rows) is
 * read in turns, best of {@code reps} each:
 *
 * <ol>
 *   <li>the emulator's ground-truth route saved to a file: the emulator's own generation time;
 *   <li>the driver against the emulator (end to end: job, 307, stream, parse, JDBC), for
 *       information: the emulator generating on the same cores bounds it;
 *   <li>the driver against {@link ReplayServer} sending the saved file: the driver's own cost;
 *   <li>DuckDB {@code read_csv} over the saved file, reading every column, on one thread (the
 *       baseline: the driver parses an export on one thread) and on all.
 * </ol>
 *
 * With {@code floor}, also Commons CSV, Jackson's CSV parser and FastCSV (behind two UTF-8
 * decoders) alone over the file, side by side: what each parser costs before any conversion. The
 * JSON export of the same window is {@link JsonScanBench}.
 */
final class ScanBench {
  static final double TARGET_ROWS_PER_SECOND = 1_000_000;
  static final double TARGET_DUCKDB_RATIO = 1.4;

  private ScanBench() {}

  static void run(
      ResultTable table,
      Schema schema,
      KhorosEmulator emu,
      SavedExports saved,
      Window window,
      int reps,
      boolean floor)
      throws Exception {
    String sql = Harness.selectAll(schema, window);
    Map<String, String> props = Harness.readyJobProperties(false);
    Map<String, String> replayProps = Harness.readyJobProperties(true);
    Harness.warmUp(emu, schema, props);

    // Ground truth first (it writes the file the others read); then one round of every
    // measurement per repetition, in turns, so that a load spike on a shared machine hits every
    // contender alike. Best of the repetitions each.
    GroundTruth truth = null;
    Drained viaEmulator = null;
    Drained replayed = null;
    Drained duckOne = null;
    Drained duckAll = null;
    long csvNanos = Long.MAX_VALUE;
    long jacksonNanos = Long.MAX_VALUE;
    long fastCsvJdkNanos = Long.MAX_VALUE;
    long fastCsvNanos = Long.MAX_VALUE;
    long fastCsvCharsNanos = Long.MAX_VALUE;
    String mismatch = null;
    try (Duck one = Duck.oneThread();
        Duck all = Duck.allThreads()) {
      for (int i = 0; i < reps; i++) {
        String rep = "scan " + (i + 1) + "/" + reps + ": ";
        Harness.progress(rep + "ground truth download of " + window.days() + " days");
        GroundTruth g = saved.download(window, schema.columns(), "csv");
        truth = truth == null || g.nanos() < truth.nanos() ? g : truth;
        Path file = g.file();
        if (i == 0) {
          Harness.warmUpOnSavedBytes(file, emu, schema, replayProps, sql);
        }

        Harness.progress(rep + "driver against the emulator");
        Harness.settle();
        try (Connection c = Harness.connect(emu, schema, props)) {
          viaEmulator = Harness.faster(viaEmulator, Harness.drain(c, sql));
        }

        Harness.progress(rep + "driver against the saved bytes");
        Harness.settle();
        Replayed r = Harness.drainReplay(file, emu, schema, replayProps, sql);
        replayed = Harness.faster(replayed, r.drained());
        mismatch = mismatch != null ? mismatch : r.mismatch();

        Harness.progress(rep + "DuckDB read_csv over the saved bytes, 1 and all threads");
        Harness.settle();
        duckOne = Harness.faster(duckOne, one.countAll(file, schema));
        Harness.settle();
        duckAll = Harness.faster(duckAll, all.countAll(file, schema));

        if (floor) {
          Harness.progress(rep + "Commons CSV alone, Jackson CSV alone, FastCSV alone");
          csvNanos = Math.min(csvNanos, parserNanos(file, ScanBench::csvRows));
          jacksonNanos = Math.min(jacksonNanos, parserNanos(file, ScanBench::jacksonRows));
          fastCsvJdkNanos = Math.min(fastCsvJdkNanos, parserNanos(file, ScanBench::fastCsvJdkRows));
          fastCsvNanos = Math.min(fastCsvNanos, parserNanos(file, ScanBench::fastCsvRows));
          fastCsvCharsNanos =
              Math.min(fastCsvCharsNanos, parserNanos(file, ScanBench::fastCsvCharacters));
        }
      }
      long rows = viaEmulator.rows();
      String size = ResultTable.count(rows) + " rows × " + schema.columns().size() + " cols";
      boolean valid = mismatch == null && replayed.rows() == rows && duckOne.rows() == rows;
      if (!valid) {
        table.note(
            "Full scan INVALID: "
                + (mismatch != null ? mismatch + "; " : "")
                + "rows: driver via emulator "
                + rows
                + ", driver on saved bytes "
                + replayed.rows()
                + ", DuckDB "
                + duckOne.rows()
                + ".");
      }
      double gen = truth.millis();
      double emuMs = viaEmulator.millis();
      double repMs = replayed.millis();
      double oneMs = duckOne.millis();
      table.info(
          "full scan via emulator, " + size,
          ResultTable.rate(rows, emuMs),
          "emulator alone " + ResultTable.rate(rows, gen),
          ResultTable.ratio(gen / emuMs));
      table.add(
          "full scan, driver on saved bytes",
          ResultTable.rate(rows, repMs),
          "DuckDB 1 thread " + ResultTable.rate(rows, oneMs),
          ResultTable.ratio(oneMs / repMs),
          "≥ 1.00M rows/s",
          valid && rows / (repMs / 1000) >= TARGET_ROWS_PER_SECOND);
      table.add(
          "full scan time vs DuckDB (1 thread)",
          ResultTable.seconds(repMs),
          ResultTable.seconds(oneMs),
          ResultTable.ratio(repMs / oneMs),
          "≤ " + ResultTable.ratio(TARGET_DUCKDB_RATIO),
          valid && repMs / oneMs <= TARGET_DUCKDB_RATIO);
      table.note(
          "Full scan: "
              + size
              + " ("
              + ResultTable.mib(truth.bytes())
              + " of CSV), best of "
              + reps
              + Harness.afterWarmUps()
              + ". 'Emulator alone' = the ground-truth route downloaded to a file in "
              + ResultTable.seconds(gen)
              + ": the emulator generates while it sends, so no driver reading through it can be"
              + " faster; the row via the emulator ("
              + ResultTable.seconds(emuMs)
              + ") is for information. 'Saved bytes' = the same file served by a stand-in server"
              + " whose job is done at once: the driver's own work (HTTP, CSV parsing, typed"
              + " conversion, Calcite, JDBC getObject on every value). DuckDB reads the same file"
              + " with read_csv, the columns typed as the driver types them, and counts every"
              + " column (count(c) for each c); on 1 thread, like for like with the driver's one"
              + " parsing thread. On "
              + all.threads()
              + " threads DuckDB took "
              + ResultTable.seconds(duckAll.millis())
              + " ("
              + ResultTable.rate(rows, duckAll.millis())
              + ")."
              + (floor
                  ? " The CSV parsers alone on the same file, every field as a string, no"
                      + " conversion: Commons CSV behind the JDK's UTF-8 Reader (the driver's"
                      + " parser in round 1) "
                      + ResultTable.rate(rows, csvNanos / 1e6)
                      + ", Jackson's CSV parser over the bytes (the driver's parser until the"
                      + " sixth pass) "
                      + ResultTable.rate(rows, jacksonNanos / 1e6)
                      + ", FastCSV behind the JDK's UTF-8 Reader "
                      + ResultTable.rate(rows, fastCsvJdkNanos / 1e6)
                      + ", FastCSV behind Jackson's UTF-8 decoder (the driver's parser now) "
                      + ResultTable.rate(rows, fastCsvNanos / 1e6)
                      + " (handing over each field's characters, no string at all: "
                      + ResultTable.rate(rows, fastCsvCharsNanos / 1e6)
                      + ")"
                      + "."
                  : ""));
    }
  }

  /** Counts a file's rows with one parser alone: a floor the scan row reports. */
  interface Parser {
    long rows(Path file) throws IOException;
  }

  /** How long {@code parser} takes over the file, once the machine settled. */
  static long parserNanos(Path file, Parser parser) throws IOException, InterruptedException {
    Harness.settle();
    long start = System.nanoTime();
    parser.rows(file);
    return System.nanoTime() - start;
  }

  /** Parses the file with Jackson's CSV parser only, every field as a string: its floor. */
  private static long jacksonRows(Path file) throws IOException {
    return jacksonRecords(file, new CsvFactory(), JsonToken.START_ARRAY) - 1; // and the header
  }

  /**
   * Counts the records a Jackson parser reads from the file (each starts with {@code recordStart}),
   * making a string of every value: the parser's floor, before any conversion.
   */
  static long jacksonRecords(Path file, JsonFactory factory, JsonToken recordStart)
      throws IOException {
    long records = 0;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = factory.createParser(in)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == recordStart) {
          records++;
        } else if (token == JsonToken.VALUE_STRING) {
          parser.getText(); // the JSON parser makes a value's string only when asked for it
        }
      }
    }
    return records;
  }

  /**
   * Parses the file with Commons CSV only, a string made of every field: the earlier parser's
   * floor.
   */
  private static long csvRows(Path file) throws IOException {
    long rows = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      for (CSVRecord ignored : parser) {
        rows++;
      }
    }
    return rows;
  }

  /**
   * Parses the file with FastCSV only, a string made of every field as the driver makes one,
   * reading the characters the JDK's UTF-8 decoder makes of the bytes: how FastCSV reads a file by
   * default.
   */
  private static long fastCsvJdkRows(Path file) throws IOException {
    return Fields.rows(Files.newBufferedReader(file, StandardCharsets.UTF_8), true);
  }

  /**
   * Parses the file with FastCSV only, a string made of every field, reading the characters the
   * driver decodes for it: the driver's parser (for a query of every column), before any
   * conversion.
   */
  private static long fastCsvRows(Path file) throws IOException {
    return Fields.rows(jacksonUtf8(file), true);
  }

  /** FastCSV's floor: its callback sees each field's characters in place and makes no string. */
  private static long fastCsvCharacters(Path file) throws IOException {
    return Fields.rows(jacksonUtf8(file), false);
  }

  /**
   * The file's characters as the driver decodes a CSV export's bytes: with the UTF-8 decoder of
   * Jackson's CSV parser, asked of its factory. The bench sees the driver only through JDBC.
   */
  private static Reader jacksonUtf8(Path file) throws IOException {
    return new Decoders().utf8(Files.newInputStream(file));
  }

  /** Jackson's CSV factory, used only for the reader it decodes UTF-8 bytes with. */
  private static final class Decoders extends CsvFactory {
    private static final long serialVersionUID = 1L;

    Reader utf8(InputStream in) throws IOException {
      return _createReader(in, JsonEncoding.UTF8, _createContext(ContentReference.unknown(), true));
    }
  }

  /**
   * Takes each field's characters where FastCSV hands them over, as the driver's reader does,
   * making a string of each or none.
   */
  private static final class Fields extends AbstractBaseCsvCallbackHandler<Boolean> {
    private final boolean strings;
    private String
        last; // kept, as the driver keeps its values: making them cannot be optimised away

    private Fields(boolean strings) {
      this.strings = strings;
    }

    static long rows(Reader characters, boolean strings) throws IOException {
      Fields fields = new Fields(strings);
      long rows = 0;
      try (Reader in = characters;
          CsvReader<Boolean> reader = CsvReader.builder().build(fields, in)) {
        for (Boolean ignored : reader) {
          rows++;
        }
      }
      return rows - 1; // the header is a record too
    }

    @Override
    protected void handleField(int field, char[] buf, int offset, int length, boolean quoted) {
      if (strings) {
        last = new String(buf, offset, length);
      }
    }

    @Override
    protected Boolean buildRecord() {
      return Boolean.TRUE; // the same object for every record: no allocation in the floor
    }
  }
}
