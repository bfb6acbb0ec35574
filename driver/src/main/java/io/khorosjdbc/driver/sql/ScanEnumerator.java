package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.export.PlannedExport;
import io.khorosjdbc.driver.export.ReadAheadRows;
import io.khorosjdbc.driver.export.RunningExport;
import io.khorosjdbc.driver.format.ColumnBatch;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Streams the rows of a scan's exports one export after another, in window order. Each export's
 * body is opened only when its turn comes, so at most one download is open per scan; its rows are
 * parsed, converted and assembled ahead on the file's reading thread ({@link ReadAheadRows}).
 * Closing early (a LIMIT, a closed ResultSet) closes the open download and cancels the exports not
 * yet reached.
 */
final class ScanEnumerator implements Enumerator<Object> {
  private final List<PlannedExport> planned;
  private final List<RunningExport> started;
  private final RowAssembler assembler;
  private int index = -1;
  private ReadAheadRows rows;
  private Object current;
  private boolean made; // current was made from the batch for this row

  ScanEnumerator(List<PlannedExport> planned, List<RunningExport> started, RowAssembler assembler) {
    this.planned = planned;
    this.started = started;
    this.assembler = assembler;
  }

  /** The current row, made from its batch when first asked for. */
  @Override
  public Object current() {
    if (!made) {
      current = rows.batch().row(rows.row());
      made = true;
    }
    return current;
  }

  /** The batch that holds the current row. */
  ColumnBatch batch() {
    return rows.batch();
  }

  /** The current row's number in {@link #batch()}. */
  int row() {
    return rows.row();
  }

  @Override
  public boolean moveNext() {
    while (true) {
      if (rows == null) {
        if (index + 1 >= started.size()) {
          return false;
        }
        index++;
        rows = started.get(index).open(assembler.shaping(planned.get(index)));
      }
      if (rows.next()) {
        made = false;
        return true;
      }
      rows.close();
      rows = null;
    }
  }

  @Override
  public void reset() {
    throw new UnsupportedOperationException("an export scan cannot be rewound");
  }

  @Override
  public void close() {
    if (rows != null) {
      rows.close();
      rows = null;
    }
    for (int i = index + 1; i < started.size(); i++) {
      started.get(i).cancel();
    }
  }
}
