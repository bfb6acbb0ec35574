package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.List;

/**
 * A file's header lacks columns that were asked for: the tenant does not have them (the driver's
 * catalog is a guess). Not worth fetching the file again; the table's columns need correcting.
 */
public final class MissingColumnsException extends IOException {
  private final List<String> missing;
  private final List<String> header;

  public MissingColumnsException(String sourceName, List<String> missing, List<String> header) {
    super(sourceName + ": column(s) " + missing + " missing from the file's header " + header);
    this.missing = List.copyOf(missing);
    this.header = List.copyOf(header);
  }

  /** The requested columns the header does not have. */
  public List<String> missing() {
    return missing;
  }

  /** The columns the file has, as the server spelled them. */
  public List<String> header() {
    return header;
  }
}
