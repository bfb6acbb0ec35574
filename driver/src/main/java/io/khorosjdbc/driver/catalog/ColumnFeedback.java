package io.khorosjdbc.driver.catalog;

import java.util.List;

/** What running exports learn about a tenant's columns, for whoever keeps the tables' columns. */
public interface ColumnFeedback {
  /** Feedback that goes nowhere (tests of the export layer alone). */
  ColumnFeedback NONE =
      new ColumnFeedback() {
        @Override
        public void columnsMissing(ReportDefinition report, List<String> missing) {}

        @Override
        public void columnsRejected(ReportDefinition report) {}
      };

  /** A file of the report lacked these requested columns: the tenant does not have them. */
  void columnsMissing(ReportDefinition report, List<String> missing);

  /** The server refused a request for some of the report's columns (HTTP 400), not saying which. */
  void columnsRejected(ReportDefinition report);
}
