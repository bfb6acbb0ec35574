package io.khorosjdbc.driver.catalog;

import java.io.IOException;
import java.util.List;

/** Asks the server which columns an export returns for this tenant (the header of a tiny export). */
@FunctionalInterface
public interface ColumnDiscoverer {
  /** The column names of the export's default column set, in server order (empty if unknown). */
  List<String> discover(ReportDefinition report) throws IOException;
}
