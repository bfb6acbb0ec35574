package io.khorosjdbc.driver.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.driver.format.ColumnBatch.Kind;
import org.junit.jupiter.api.Test;

class ColumnBatchTest {
  private static final Kind[] KINDS = {Kind.LONG, Kind.DOUBLE, Kind.STRING, Kind.OBJECT};

  @Test
  void eachKindKeepsItsValuesAndNulls() {
    ColumnBatch batch = new ColumnBatch(KINDS, KINDS.length, 4);
    batch.setLong(0, 1_549_015_200_000L);
    batch.setDouble(1, 2.5);
    batch.set(2, "text");
    batch.set(3, Boolean.TRUE);
    batch.endRow();
    for (int field = 0; field < KINDS.length; field++) {
      batch.setNull(field);
    }
    batch.endRow();

    assertEquals(2, batch.count());
    assertArrayEquals(
        new Object[] {1_549_015_200_000L, 2.5, "text", true}, (Object[]) batch.row(0));
    assertArrayEquals(new Object[] {null, null, null, null}, (Object[]) batch.row(1));
    assertEquals(1_549_015_200_000L, batch.longAt(0, 0));
    assertTrue(batch.isNull(0, 1));
    assertFalse(batch.isNull(2, 0));
  }

  @Test
  void valuesInCalcitesRepresentationAreSetByKind() {
    ColumnBatch batch = new ColumnBatch(KINDS, KINDS.length, 1);
    batch.set(0, 7L);
    batch.set(1, 0.5);
    batch.set(2, null);
    batch.set(3, 9L);
    batch.endRow();
    assertArrayEquals(new Object[] {7L, 0.5, null, 9L}, (Object[]) batch.row(0));
    assertEquals(9L, batch.longAt(3, 0), "a number kept as an object");
    assertTrue(batch.full());
  }

  @Test
  void aRowOfOneFieldIsTheValueItself() {
    ColumnBatch batch = new ColumnBatch(new Kind[] {Kind.LONG}, 1, 2);
    batch.setLong(0, 3);
    batch.endRow();
    batch.setNull(0);
    batch.endRow();
    assertEquals(3L, batch.row(0));
    assertNull(batch.row(1));
  }
}
