package io.khorosjdbc.emulator.replay;

import io.khorosjdbc.emulator.catalog.ColumnType;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.data.HourlyScan;
import io.khorosjdbc.emulator.export.ExportSource;
import io.khorosjdbc.emulator.export.Fields;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a replayed table: every hour holds the captured row count (the middle of its band),
 * at random seconds; the anchor column carries each row's time, and every column's value follows
 * its captured profile ({@link ReplayValues}).
 */
final class ReplayExport implements ExportSource<ReplayExport.Row> {
  private final ReplayCapture.Table table;
  private final Map<String, ColumnType> notSent;
  private final long seed;
  private final int rowsPerHour;

  /**
   * @param notSent the columns the driver knows but the tenant did not send by default, with the
   *     types to generate them as when a request names them in {@code reportMetrics}
   */
  ReplayExport(ReplayCapture.Table table, Map<String, ColumnType> notSent, long seed) {
    this.table = table;
    this.notSent = notSent;
    this.seed = seed;
    this.rowsPerHour = ReplayValues.rowsPerHour(table.rows());
  }

  /** One synthetic row: its time, a key unique in the export, and its index within its hour. */
  record Row(long time, long key, int index) implements Event {}

  @Override
  public Iterator<Row> rows(ReportRequest req) {
    long code = Rng.code("replay-rows:" + table.exportId());
    return new HourlyScan<>(
        req.window().start(),
        req.window().last(),
        hour -> {
          Rng r = Rng.of(seed, code, hour);
          long[] offsets = new long[rowsPerHour];
          for (int i = 0; i < offsets.length; i++) {
            offsets[i] = r.between(0, 3600) * 1000L;
          }
          Arrays.sort(offsets);
          List<Row> rows = new ArrayList<>(offsets.length);
          for (int k = 0; k < offsets.length; k++) {
            rows.add(new Row(hour * 3_600_000L + offsets[k], hour * 100_000L + k, k));
          }
          return rows;
        },
        row -> req.window().contains(row.time()));
  }

  @Override
  public Fields<Row> fields(ReportRequest req) {
    Fields<Row> fields = new Fields<>();
    for (ReplayCapture.Column c : table.columns()) {
      boolean anchor = c.name().equals(table.anchorColumn());
      var values = ReplayValues.of(c, anchor, seed, req.zone());
      fields.add(c.apiName(), values::apply);
      fields.add(c.name(), values::apply);
    }
    String timestamps =
        table.columns().stream()
            .filter(c -> c.type().equals("timestamp"))
            .map(ReplayCapture.Column::format)
            .findFirst()
            .orElse("yyyy-MM-dd HH:mm:ss");
    notSent.forEach(
        (name, type) -> {
          String kind = type.name().toLowerCase(Locale.ROOT);
          ReplayCapture.Column profile =
              new ReplayCapture.Column(
                  name,
                  name,
                  kind,
                  type == ColumnType.TIMESTAMP
                      ? timestamps
                      : type == ColumnType.BOOLEAN
                          ? "true/false"
                          : type == ColumnType.LONG || type == ColumnType.DOUBLE ? "plain" : "",
                  0.1,
                  1,
                  12,
                  ">1000");
          var values = ReplayValues.of(profile, false, seed, req.zone());
          fields.add(name, values::apply);
        });
    return fields;
  }
}
