package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where each requested column sits in a file's header, whatever the header's spelling ({@link
 * ColumnBinder}).
 */
final class HeaderIndex {

  private static final int NONE = -1;

  private HeaderIndex() {}

  /**
   * For each requested column, its position in {@code header}. A header field that is a spelling of
   * the column wins over one that is a UI name of it.
   *
   * @throws MissingColumnsException naming the source, the columns and the header when columns are
   *     missing
   * @throws IOException when two header fields bind to one requested column, naming both
   */
  static int[] positions(List<String> header, List<String> columns, String sourceName)
      throws IOException {
    ColumnBinder binder = new ColumnBinder(columns);
    int[] spelled = new int[columns.size()];
    int[] viaUiName = new int[columns.size()];
    Arrays.fill(spelled, NONE);
    Arrays.fill(viaUiName, NONE);
    for (int field = 0; field < header.size(); field++) {
      ColumnBinder.Binding binding = binder.bind(header.get(field));
      if (binding == null) {
        continue;
      }
      int[] bound = binding.viaUiName() ? viaUiName : spelled;
      int earlier = bound[binding.column()];
      if (earlier != NONE) {
        throw new IOException(
            sourceName
                + ": the header fields '"
                + header.get(earlier)
                + "' and '"
                + header.get(field)
                + "' both name column "
                + columns.get(binding.column())
                + ", so the driver cannot tell which to read; header "
                + header);
      }
      bound[binding.column()] = field;
    }
    int[] positions = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      int first = binder.firstOfName(i);
      int position = spelled[first] != NONE ? spelled[first] : viaUiName[first];
      if (position == NONE) {
        missing.add(columns.get(i));
      } else {
        positions[i] = position;
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingColumnsException(sourceName, missing, header);
    }
    return positions;
  }
}
