package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.data.HourlyScan;
import io.khorosjdbc.emulator.report.ReportRequest;
import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Rows for an export that only a replaced catalog knows: events spread over each hour like the
 * others, with every column generated from its declared type (the anchor column carries the event
 * time).
 */
final class GenericExport implements ExportSource<GenericExport.Row> {
  private final SyntheticData data;
  private final String exportId;

  GenericExport(SyntheticData data, String exportId) {
    this.data = data;
    this.exportId = exportId;
  }

  /** One synthetic event. */
  record Row(long time, long key) implements Event {}

  @Override
  public Iterator<Row> rows(ReportRequest req) {
    double perHour = data.rowsPerDay() / 24.0;
    return new HourlyScan<>(
        req.window().start(),
        req.window().last(),
        hour -> {
          Rng r = Rng.of(data.world().seed(), Rng.code(exportId), hour);
          long[] offsets = new long[r.count(perHour * BusinessHours.activity(hour))];
          for (int i = 0; i < offsets.length; i++) {
            offsets[i] = r.between(0, 3600) * 1000L;
          }
          Arrays.sort(offsets);
          List<Row> rows = new ArrayList<>(offsets.length);
          for (int k = 0; k < offsets.length; k++) {
            rows.add(new Row(hour * 3_600_000L + offsets[k], hour * 100_000L + k));
          }
          return rows;
        },
        row -> req.window().contains(row.time()));
  }

  @Override
  public Fields<Row> fields(ReportRequest req) {
    return new Fields<>();
  }
}
