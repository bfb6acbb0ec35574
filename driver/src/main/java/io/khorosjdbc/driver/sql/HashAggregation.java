package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.sql.AggregateFunctions.Accumulator;
import io.khorosjdbc.driver.sql.AggregateFunctions.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Runs a GROUP BY in one pass over its input: one hash table entry per group, holding the group's
 * key values and one accumulator per aggregate call. A DISTINCT aggregate keeps its values in its
 * group's accumulator, so {@code COUNT(DISTINCT x)} next to other aggregates is one pass and one
 * table, where Calcite's own plan groups every row twice (by the keys with x, then by the keys).
 * Groups come out in the order of their first row.
 */
public final class HashAggregation {
  private final int[] groupFields;
  private final List<Function> functions;

  HashAggregation(int[] groupFields, List<Function> functions) {
    this.groupFields = groupFields;
    this.functions = functions;
  }

  /** The groups of {@code rows}, computed when the first one is asked for (as Calcite's are). */
  public Enumerable<Object[]> aggregate(Enumerable<Object[]> rows) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.enumerator(groups(rows));
      }
    };
  }

  private List<Object[]> groups(Enumerable<Object[]> rows) {
    Map<Object, Group> groups = new LinkedHashMap<>();
    if (groupFields.length == 0) {
      startGroup(groups, key(new Object[0])); // no GROUP BY: one row, even for no input
    }
    try (Enumerator<Object[]> input = rows.enumerator()) {
      while (input.moveNext()) {
        Object[] row = input.current();
        Object key = key(row);
        Group group = groups.get(key);
        if (group == null) {
          group = startGroup(groups, key);
        }
        for (Accumulator accumulator : group.accumulators()) {
          accumulator.add(row);
        }
      }
    }
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Group group : groups.values()) {
      out.add(group.result());
    }
    return out;
  }

  /** A group's key: its one value, or all of them (NULLs included: NULL is a group). */
  private Object key(Object[] row) {
    if (groupFields.length == 1) {
      return row[groupFields[0]];
    }
    Object[] values = new Object[groupFields.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = row[groupFields[i]];
    }
    return new Key(values);
  }

  /** Adds the group of {@code key}, its aggregates not started on any row yet. */
  private Group startGroup(Map<Object, Group> groups, Object key) {
    Accumulator[] accumulators = new Accumulator[functions.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = functions.get(i).start();
    }
    Object[] keys = key instanceof Key several ? several.values : new Object[] {key};
    Group group = new Group(keys, accumulators);
    groups.put(key, group);
    return group;
  }

  /** The values of several GROUP BY columns, hashed once. */
  private static final class Key {
    private final Object[] values;
    private final int hash;

    Key(Object[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && hash == key.hash && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One group: its key values and its aggregates so far. */
  private record Group(Object[] keys, Accumulator[] accumulators) {
    /** The output row: the key values, then each aggregate's result. */
    Object[] result() {
      Object[] row = Arrays.copyOf(keys, keys.length + accumulators.length);
      for (int i = 0; i < accumulators.length; i++) {
        row[keys.length + i] = accumulators[i].result();
      }
      return row;
    }
  }
}
