package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds where each requested column sits in a file's header, by {@link ColumnNames#normalize normalized} name. */
final class HeaderIndex {

    private HeaderIndex() {
    }

    /**
     * For each requested column, its position in {@code header}.
     *
     * @throws IOException naming the source, the column and the header when a column is missing
     *         or matches more than one header field
     */
    static int[] positions(List<String> header, List<String> columns, String sourceName) throws IOException {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer previous = byName.putIfAbsent(ColumnNames.normalize(header.get(i)), i);
            if (previous != null) {
                byName.put(ColumnNames.normalize(header.get(i)), -1); // ambiguous unless nobody asks for it
            }
        }
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Integer position = byName.get(ColumnNames.normalize(columns.get(i)));
            if (position == null || position < 0) {
                throw new IOException(sourceName + ": column '" + columns.get(i) + "' is "
                        + (position == null ? "missing from" : "ambiguous in") + " the file's header " + header);
            }
            positions[i] = position;
        }
        return positions;
    }
}
