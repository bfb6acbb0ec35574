package io.khorosjdbc.driver.format;

import java.io.IOException;
import java.util.ArrayList;
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
     * @throws MissingColumnsException naming the source, the columns and the header when columns are missing
     * @throws IOException when a column matches more than one header field
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
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer position = byName.get(ColumnNames.normalize(columns.get(i)));
            if (position == null) {
                missing.add(columns.get(i));
            } else if (position < 0) {
                throw new IOException(sourceName + ": column '" + columns.get(i) + "' is ambiguous in the file's header "
                        + header);
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
