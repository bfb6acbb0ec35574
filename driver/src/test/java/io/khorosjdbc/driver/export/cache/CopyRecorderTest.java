package io.khorosjdbc.driver.export.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.format.ColumnBatch;
import io.khorosjdbc.driver.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRecorderTest {
  private static final Kind[] ROW = {Kind.STRING, Kind.LONG, Kind.STRING};
  private static final CopyLayout LAYOUT =
      new CopyLayout(
          "UTC||en_US", List.of("ID VARCHAR", "TIME TIMESTAMP", "NETWORK VARCHAR"), List.of(ROW));

  /** Rows of (id, time, network) as a scan's batch holds them; null values where given null. */
  private static ColumnBatch batch(int rows, int firstId) {
    ColumnBatch batch = new ColumnBatch(ROW, ROW.length, rows);
    for (int row = 0; row < rows; row++) {
      int id = firstId + row;
      batch.set(0, id % 7 == 0 ? null : "id-" + id + (id % 5 == 0 ? "-é" : ""));
      if (id % 3 == 0) {
        batch.setNull(1);
      } else {
        batch.setLong(1, 1_000L * id);
      }
      batch.set(2, new String(new char[] {(char) ('a' + id % 3)}));
      batch.endRow();
    }
    return batch;
  }

  private static final CopyLayout NETWORK_ONLY =
      new CopyLayout("UTC||en_US", List.of("NETWORK VARCHAR"), List.of(Kind.STRING));

  /**
   * A recorder that recorded every row of {@code rows}, its field {@code i} from {@code fields[i]}.
   */
  private static CopyRecorder recorded(
      CopyLayout layout, long budget, ColumnBatch rows, int... fields) {
    CopyRecorder recorder = new CopyRecorder(layout, budget);
    for (int row = 0; row < rows.count(); row++) {
      recorder.record(rows, row, fields);
    }
    return recorder;
  }

  private static List<Object> values(TypedCopy copy, int field) {
    ColumnBatch out = new ColumnBatch(new Kind[] {ROW[field]}, 1, 1);
    List<Object> values = new ArrayList<>();
    for (CopyBatch batch : copy.batches()) {
      for (int row = 0; row < batch.count(); row++) {
        batch.copyInto(out, 0, field, row);
        values.add(out.valueAt(0, 0));
      }
    }
    return values;
  }

  private static List<Object> values(ColumnBatch batch, int field) {
    List<Object> values = new ArrayList<>();
    for (int row = 0; row < batch.count(); row++) {
      values.add(batch.valueAt(field, row));
    }
    return values;
  }

  @Test
  void theCopyHoldsEveryRecordedValueNullsAndNonAsciiTextIncluded() {
    // 10,000 distinct ids: past the first 4,096 they are packed as bytes
    ColumnBatch rows = batch(10_000, 1);
    CopyRecorder recorder = recorded(LAYOUT, 1L << 30, rows, 0, 1, 2);

    TypedCopy copy = recorder.copy().orElseThrow();

    assertEquals(10_000, copy.rows());
    for (int field = 0; field < ROW.length; field++) {
      assertEquals(values(rows, field), values(copy, field), "field " + field);
    }
  }

  @Test
  void textThatRepeatsIsKeptAsOneStringPerValue() {
    ColumnBatch rows = batch(100, 1);
    CopyRecorder recorder = recorded(LAYOUT, 1L << 30, rows, 0, 1, 2);

    List<Object> networks = values(recorder.copy().orElseThrow(), 2);

    assertSame(networks.get(0), networks.get(3));
    assertSame(networks.get(1), networks.get(4));
  }

  @Test
  void fieldsAreTakenFromWhereTheScanKeepsThem() {
    ColumnBatch rows = batch(5, 1);
    CopyRecorder recorder = recorded(NETWORK_ONLY, 1L << 30, rows, 2);

    assertEquals(values(rows, 2), values(recorder.copy().orElseThrow(), 0));
  }

  @Test
  void aCopyThatOutgrowsItsBudgetIsNotKept() {
    ColumnBatch rows = batch(1_000, 1);
    CopyRecorder recorder = recorded(LAYOUT, 10_000, rows, 0, 1, 2);

    assertTrue(recorder.copy().isEmpty());
  }

  @Test
  void theEstimateCountsEachSharedStringOnce() {
    ColumnBatch rows = batch(1_000, 1);
    CopyRecorder recorder = recorded(NETWORK_ONLY, 1L << 30, rows, 2);

    // a reference per row, and three one-letter strings
    assertEquals(1_000 * 4 + 3 * (56 + 1), recorder.copy().orElseThrow().bytes());
    assertNull(new SharedText(0).share("full"));
  }
}
