package io.khorosjdbc.driver.sql;

import io.khorosjdbc.driver.api.ReportFormat;
import io.khorosjdbc.driver.api.RequestBudget;
import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.export.ExportPlanner;
import io.khorosjdbc.driver.export.PlannedExport;
import io.khorosjdbc.driver.export.QueryControl;
import io.khorosjdbc.driver.export.RunningExport;
import io.khorosjdbc.driver.export.SplitPolicy;
import io.khorosjdbc.driver.export.WindowRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableIntList;

/**
 * The executable side of a {@link KhorosTableScan}: at bind time it evaluates the values the WHERE
 * clause compares with ({@code ?}, {@code CURRENT_TIMESTAMP - INTERVAL ...}), resolves windows and
 * parameters, plans the exports and starts them all at once (so a join's exports run concurrently),
 * then streams their rows in window order.
 */
public final class KhorosScan {
  private final ReportTable table;
  private final ScanPlan plan;
  private final RexExecutable values;
  private final RowFilter filter;

  /** The scan's fields, then the columns only the filter reads. */
  private final RowAssembler.Layout layout;

  private final List<String> metrics;
  private final ReportFormat format;

  /**
   * @param fields the table columns the scan hands on, in order
   * @param filter the condition the scan checks on each row itself, or null
   */
  KhorosScan(
      ReportTable table,
      ImmutableIntList fields,
      ScanPlan plan,
      RexBuilder rexBuilder,
      RowFilter filter) {
    this.table = table;
    this.plan = plan;
    this.filter = filter;
    this.layout =
        new RowAssembler.Layout(
            filter == null ? fields : withFilterColumns(fields, filter), fields.size());
    this.values =
        plan.values().isEmpty()
            ? null
            : RexExecutorImpl.getExecutable(
                rexBuilder, plan.values(), rexBuilder.getTypeFactory().builder().build());
    List<ColumnInfo> requested = requestedColumns();
    this.metrics = requested.stream().map(ColumnInfo::name).toList();
    this.format =
        requested.stream().anyMatch(ColumnInfo::jsonOnly)
            ? ReportFormat.JSON
            : table.context().config().format();
  }

  private static ImmutableIntList withFilterColumns(ImmutableIntList fields, RowFilter filter) {
    List<Integer> read = new ArrayList<>(fields);
    for (int column : filter.columns()) {
      if (!read.contains(column)) {
        read.add(column);
      }
    }
    return ImmutableIntList.copyOf(read);
  }

  /** The data columns to request; at least one, so that a COUNT(*) still sees every row. */
  private List<ColumnInfo> requestedColumns() {
    List<ColumnInfo> data = table.dataColumns();
    List<ColumnInfo> requested = new ArrayList<>();
    for (int field : layout.read()) {
      if (field < data.size()) {
        requested.add(data.get(field));
      }
    }
    if (requested.isEmpty() && !data.isEmpty()) {
      requested.add(data.stream().filter(c -> !c.jsonOnly()).findFirst().orElse(data.get(0)));
    }
    return requested;
  }

  /** Called by generated code when the query binds. */
  public Enumerable<Object> bind(DataContext root) {
    List<PlannedExport> planned = plan(evaluate(root), now(root), QueryWarnings::add);
    QueryControl control =
        table
            .context()
            .exports()
            .newQuery(cancelFlag(root), timeoutMillis(root), RequestBudget.Priority.INTERACTIVE);
    List<RunningExport> started = start(planned, control);
    RowAssembler assembler = new RowAssembler(table, layout, metrics, filter, root);
    return new Rows(planned, control, started, assembler);
  }

  /** The rows of a bound scan. */
  final class Rows extends AbstractEnumerable<Object> {
    private final List<PlannedExport> planned;
    private final QueryControl control;
    private final List<RunningExport> started;
    private final RowAssembler assembler;
    private final AtomicBoolean firstEnumeration = new AtomicBoolean(true);

    private Rows(
        List<PlannedExport> planned,
        QueryControl control,
        List<RunningExport> started,
        RowAssembler assembler) {
      this.planned = planned;
      this.control = control;
      this.started = started;
      this.assembler = assembler;
    }

    @Override
    public ScanEnumerator enumerator() {
      // The first reader uses the exports started at bind time; a plan that reads the scan
      // again (e.g. a nested loop) runs them again, since the first reader may have stopped
      // them early.
      List<RunningExport> exports =
          firstEnumeration.getAndSet(false) ? started : start(planned, control);
      return new ScanEnumerator(planned, exports, assembler);
    }

    /** The rows with their batches at hand ({@link ScanRows}). */
    ScanRows byColumn() {
      return new ScanRows(enumerator(), assembler.kinds());
    }
  }

  private List<RunningExport> start(List<PlannedExport> planned, QueryControl control) {
    List<RunningExport> started = new ArrayList<>();
    for (PlannedExport export : planned) {
      started.add(table.context().exports().start(export.spec(), control));
    }
    return started;
  }

  private List<PlannedExport> plan(Object[] boundValues, long now, Consumer<String> warnings) {
    WindowResolver resolver =
        new WindowResolver(table.report(), table.context().config().defaultWindow());
    List<WindowRequest> windows = resolver.resolve(plan, boundValues, now);
    resolver.assumedWindow().ifPresent(window -> warnings.accept(assumed(window)));
    return ExportPlanner.plan(
        table.report(),
        windows,
        metrics,
        format,
        splitPolicy(),
        table.context().config().maxTimeBuckets(),
        table.context().config().apiTimeZone());
  }

  /** Says which window a query without a time predicate got, and what chooses one. */
  private String assumed(long[] window) {
    String anchor =
        table
            .report()
            .windowRule()
            .semantics(Map.of())
            .anchorColumn()
            .map(
                column ->
                    table.hasDataColumn(column)
                        ? " or " + column
                        : "; the table has no anchor column (your tenant's columns lack "
                            + column
                            + "), so only WINDOW_START/WINDOW_END choose its window")
            .orElse("");
    return "table "
        + table.name()
        + ": no time predicate, so the default window ["
        + Instant.ofEpochMilli(window[0])
        + ", "
        + Instant.ofEpochMilli(window[1])
        + ") was used (defaultWindow="
        + table.context().config().defaultWindow().map(KhorosScan::asProperty).orElse("none")
        + "); choose one with "
        + "WINDOW_START/WINDOW_END"
        + anchor;
  }

  /** A duration as a user writes it in a property: 7d, 24h, else ISO-8601. */
  private static String asProperty(Duration duration) {
    if (duration.toMillis() % 86_400_000L == 0) {
      return duration.toDays() + "d";
    }
    return duration.toMillis() % 3_600_000L == 0 ? duration.toHours() + "h" : duration.toString();
  }

  private SplitPolicy splitPolicy() {
    SqlSettings.SplitWindow split = table.context().config().splitWindow();
    return split.auto()
        ? table.context().exports().autoSplit(table.context().config().maxConcurrentExports())
        : new SplitPolicy.Fixed(split.fixed().map(Duration::toMillis).orElse(0L));
  }

  private Object[] evaluate(DataContext root) {
    if (values == null) {
      return new Object[0];
    }
    synchronized (values) {
      values.setDataContext(root);
      return values.execute();
    }
  }

  /** For EXPLAIN: the exports when every value is a literal, else the symbolic plan. */
  String describe() {
    Object[] literals = new Object[plan.values().size()];
    for (int i = 0; i < literals.length; i++) {
      RexNode value = plan.values().get(i);
      if (!(value instanceof RexLiteral literal)) {
        return symbolic();
      }
      literals[i] = literalValue(literal);
    }
    List<PlannedExport> planned = plan(literals, System.currentTimeMillis(), warning -> {});
    return planned.size()
        + " job(s): "
        + planned.stream().map(p -> p.spec().describe()).collect(Collectors.joining("; "));
  }

  private String symbolic() {
    return plan.disjuncts().size()
        + " branch(es), windows and parameters known at bind time: "
        + plan.disjuncts().stream()
            .map(
                d ->
                    "bounds="
                        + d.bounds().stream()
                            .map(
                                b ->
                                    b.column()
                                        + " "
                                        + b.op().sql
                                        + " "
                                        + plan.values().get(b.valueIndex()))
                            .toList()
                        + " parameters="
                        + d.parameters().keySet())
            .collect(Collectors.joining("; "))
        + " metrics="
        + metrics
        + " format="
        + format.apiValue();
  }

  private static Object literalValue(RexLiteral literal) {
    return switch (literal.getType().getSqlTypeName().getFamily()) {
      case CHARACTER -> literal.getValueAs(String.class);
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case NUMERIC, TIMESTAMP, DATE -> literal.getValueAs(Long.class);
      default -> literal.getValue2();
    };
  }

  private static long now(DataContext root) {
    Long now = DataContext.Variable.CURRENT_TIMESTAMP.get(root);
    return now != null ? now : System.currentTimeMillis();
  }

  private static AtomicBoolean cancelFlag(DataContext root) {
    AtomicBoolean flag = DataContext.Variable.CANCEL_FLAG.get(root);
    return flag != null ? flag : new AtomicBoolean();
  }

  private static long timeoutMillis(DataContext root) {
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    return timeout != null ? timeout : 0;
  }
}
