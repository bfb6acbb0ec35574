package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.error.KhorosException;
import io.khorosjdbc.driver.error.SqlState;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The aggregate functions {@link HashAggregation} computes: {@code COUNT} (of rows, of values, of
 * distinct values), {@code SUM} of BIGINT or DOUBLE, {@code MIN} and {@code MAX} of any comparable
 * type, each with an optional {@code FILTER}. Every other call (SUM of DECIMAL, SUM(DISTINCT), the
 * statistical functions, WITHIN GROUP ...) is left to Calcite's own aggregate.
 *
 * <p>Exactly as SQL defines them: NULLs are skipped, an empty group sums to NULL ({@code SUM0},
 * Calcite's rewrite of COUNT-like sums, to 0), and a BIGINT sum that overflows is an error, never a
 * wrapped value. MIN and MAX order values as ORDER BY does ({@link Comparable}: for DOUBLE, -0.0
 * before 0.0 and NaN last).
 */
final class AggregateFunctions {
  private static final Set<SqlTypeName> COMPARABLE =
      Set.of(
          SqlTypeName.BOOLEAN,
          SqlTypeName.TINYINT,
          SqlTypeName.SMALLINT,
          SqlTypeName.INTEGER,
          SqlTypeName.BIGINT,
          SqlTypeName.DECIMAL,
          SqlTypeName.FLOAT,
          SqlTypeName.REAL,
          SqlTypeName.DOUBLE,
          SqlTypeName.CHAR,
          SqlTypeName.VARCHAR,
          SqlTypeName.DATE,
          SqlTypeName.TIME,
          SqlTypeName.TIMESTAMP);

  private AggregateFunctions() {}

  /** One call's running state within one group. */
  interface Accumulator {
    void add(Object[] row);

    Object result();
  }

  /** One aggregate call: makes the state each group keeps for it. */
  interface Function {
    Accumulator start();
  }

  /** The call as a function of rows of {@code input}, or empty when Calcite must compute it. */
  static Optional<Function> of(AggregateCall call, RelDataType input) {
    if (call.distinctKeys != null || !call.collation.getFieldCollations().isEmpty()) {
      return Optional.empty();
    }
    int[] args = call.getArgList().stream().mapToInt(Integer::intValue).toArray();
    Optional<Function> function = unfiltered(call, args, input);
    int filter = call.filterArg;
    return filter < 0 ? function : function.map(f -> filtered(f, filter));
  }

  private static Optional<Function> unfiltered(AggregateCall call, int[] args, RelDataType input) {
    switch (call.getAggregation().getKind()) {
      case COUNT:
        return Optional.of(
            call.isDistinct() ? () -> new CountDistinct(args) : () -> new Count(args));
      case SUM:
      case SUM0:
        return call.isDistinct() || args.length != 1 ? Optional.empty() : sum(call, args[0], input);
      case MIN:
      case MAX:
        boolean comparable =
            args.length == 1 && COMPARABLE.contains(typeOf(input, args[0]).getSqlTypeName());
        int sign = call.getAggregation().getKind() == SqlKind.MIN ? -1 : 1;
        return comparable ? Optional.of(() -> new Extreme(args[0], sign)) : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private static Optional<Function> sum(AggregateCall call, int arg, RelDataType input) {
    SqlTypeName type = typeOf(input, arg).getSqlTypeName();
    if (type != call.getType().getSqlTypeName()) {
      return Optional.empty();
    }
    boolean zeroWhenEmpty = call.getAggregation().getKind() == SqlKind.SUM0;
    String column = input.getFieldNames().get(arg);
    switch (type) {
      case BIGINT:
        return Optional.of(() -> new LongSum(arg, zeroWhenEmpty, column));
      case DOUBLE:
        return Optional.of(() -> new DoubleSum(arg, zeroWhenEmpty));
      default:
        return Optional.empty();
    }
  }

  private static RelDataType typeOf(RelDataType input, int field) {
    return input.getFieldList().get(field).getType();
  }

  private static Function filtered(Function function, int filter) {
    return () -> {
      Accumulator accumulator = function.start();
      return new Accumulator() {
        @Override
        public void add(Object[] row) {
          if (Boolean.TRUE.equals(row[filter])) {
            accumulator.add(row);
          }
        }

        @Override
        public Object result() {
          return accumulator.result();
        }
      };
    };
  }

  /** The values of {@code args} in {@code row}, or null when one of them is NULL. */
  private static Object values(Object[] row, int[] args) {
    if (args.length == 1) {
      return row[args[0]];
    }
    Object[] values = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = row[args[i]];
      if (values[i] == null) {
        return null;
      }
    }
    return Arrays.asList(values);
  }

  /** COUNT(*), or COUNT of the rows where every argument is not NULL. */
  private static final class Count implements Accumulator {
    private final int[] args;
    private long count;

    Count(int[] args) {
      this.args = args;
    }

    @Override
    public void add(Object[] row) {
      if (args.length == 0 || values(row, args) != null) {
        count++;
      }
    }

    @Override
    public Object result() {
      return count;
    }
  }

  /**
   * COUNT(DISTINCT ...): the distinct non-NULL values (tuples) seen. BIGINT and TIMESTAMP values
   * (Longs), and strings that are plain decimal numbers (the usual id column, such as {@code
   * "431015000061"}) go to a {@link LongSet} as numbers: a million ids take 16 MB there and about
   * 100 MB as strings in a HashSet, which is also several times slower. The mapping is exact: only
   * a string that is the canonical form of its number (no sign, no leading zero, at most 18 digits)
   * is kept as that number, and a column holds either numbers or strings, never both.
   */
  private static final class CountDistinct implements Accumulator {
    private static final int MAX_DIGITS = 18; // 10^18 - 1 fits in a long

    private final int[] args;
    private final LongSet numbers = new LongSet();
    private final Set<Object> others = new HashSet<>();

    CountDistinct(int[] args) {
      this.args = args;
    }

    @Override
    public void add(Object[] row) {
      Object value = values(row, args);
      long number = value instanceof String text ? canonicalNumber(text) : -1;
      if (value instanceof Long given) {
        numbers.add(given);
      } else if (number >= 0) {
        numbers.add(number);
      } else if (value != null) {
        others.add(value);
      }
    }

    /** The number {@code text} is the canonical decimal form of, or -1. */
    private static long canonicalNumber(String text) {
      int length = text.length();
      if (length == 0 || length > MAX_DIGITS || (text.charAt(0) == '0' && length > 1)) {
        return -1;
      }
      long number = 0;
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        number = number * 10 + (c - '0');
      }
      return number;
    }

    @Override
    public Object result() {
      return (long) numbers.size() + others.size();
    }
  }

  /** SUM of one argument: NULLs skipped, NULL for no value (0 for SUM0). */
  private abstract static class Sum implements Accumulator {
    private final int arg;
    private final boolean zeroWhenEmpty;
    private boolean any;

    Sum(int arg, boolean zeroWhenEmpty) {
      this.arg = arg;
      this.zeroWhenEmpty = zeroWhenEmpty;
    }

    @Override
    public final void add(Object[] row) {
      Object value = row[arg];
      if (value != null) {
        add(value);
        any = true;
      }
    }

    abstract void add(Object value);

    abstract Object total();

    @Override
    public final Object result() {
      return any || zeroWhenEmpty ? total() : null;
    }
  }

  /** SUM of BIGINT, failing on overflow. */
  private static final class LongSum extends Sum {
    private final String column;
    private long sum;

    LongSum(int arg, boolean zeroWhenEmpty, String column) {
      super(arg, zeroWhenEmpty);
      this.column = column;
    }

    @Override
    void add(Object value) {
      try {
        sum = Math.addExact(sum, (Long) value);
      } catch (ArithmeticException e) {
        throw new KhorosException(
            SqlState.NUMERIC_OUT_OF_RANGE,
            "the sum of "
                + column
                + " does not fit in a BIGINT; sum it as a DECIMAL instead: SUM(CAST("
                + column
                + " AS DECIMAL(38, 0)))");
      }
    }

    @Override
    Object total() {
      return sum;
    }
  }

  /** SUM of DOUBLE, added in row order. */
  private static final class DoubleSum extends Sum {
    private double sum;

    DoubleSum(int arg, boolean zeroWhenEmpty) {
      super(arg, zeroWhenEmpty);
    }

    @Override
    void add(Object value) {
      sum += (Double) value;
    }

    @Override
    Object total() {
      return sum;
    }
  }

  /** MIN ({@code sign} -1) or MAX (+1): the first of the smallest or largest values. */
  private static final class Extreme implements Accumulator {
    private final int arg;
    private final int sign;
    private Comparable<Object> extreme;

    Extreme(int arg, int sign) {
      this.arg = arg;
      this.sign = sign;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void add(Object[] row) {
      Object value = row[arg];
      if (value != null && (extreme == null || Integer.signum(extreme.compareTo(value)) == -sign)) {
        extreme = (Comparable<Object>) value;
      }
    }

    @Override
    public Object result() {
      return extreme;
    }
  }
}
