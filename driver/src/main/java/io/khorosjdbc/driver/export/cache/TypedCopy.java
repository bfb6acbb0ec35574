package io.khorosjdbc.driver.export.cache;

import java.util.List;

/**
 * Every row of one cached export as a query converted it, column by column: what a later query of
 * the same export reads instead of parsing the body again. Never changed once made, so any number
 * of queries read it at once.
 *
 * @param bytes an estimate of the heap it takes
 */
public record TypedCopy(CopyLayout layout, List<CopyBatch> batches, long rows, long bytes) {
  public TypedCopy {
    batches = List.copyOf(batches);
  }
}
