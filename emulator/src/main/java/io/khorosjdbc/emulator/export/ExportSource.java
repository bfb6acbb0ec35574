package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.report.ReportRequest;
import java.util.Iterator;

/** The rows of one export and the columns the world knows for them. */
public interface ExportSource<R extends Event> {
  /** The selected rows, lazily, in output order. */
  Iterator<R> rows(ReportRequest request);

  /** Known columns; accessors may depend on the request (e.g. "status as of endTime"). */
  Fields<R> fields(ReportRequest request);
}
