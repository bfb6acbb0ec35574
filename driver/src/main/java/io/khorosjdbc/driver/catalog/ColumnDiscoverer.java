package io.khorosjdbc.driver.catalog;

import java.util.List;
import java.util.function.Consumer;

/**
 * Asks the server which columns an export returns for this tenant (the header of a tiny export), in
 * the background: no metadata call or query ever waits for it.
 */
@FunctionalInterface
public interface ColumnDiscoverer {
  /**
   * Starts learning the export's default column set; {@code found} receives the names in server
   * order, unless discovery fails (then it is only logged). One discovery per table at a time.
   */
  void discoverInBackground(ReportDefinition report, Consumer<List<String>> found);
}
