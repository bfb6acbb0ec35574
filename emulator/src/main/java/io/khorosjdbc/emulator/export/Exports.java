package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.report.ReportRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the source of each export id and turns its rows into value arrays for the requested
 * columns.
 */
public final class Exports {
  private final SyntheticData data;
  private final Map<String, ExportSource<?>> sources;

  public Exports(SyntheticData data) {
    this(data, Map.of());
  }

  /**
   * The world's exports, with {@code overrides} (by export id) serving in place of the built-in
   * sources.
   */
  public Exports(SyntheticData data, Map<String, ExportSource<?>> overrides) {
    this.data = data;
    Map<String, ExportSource<?>> all = new HashMap<>(builtIn(data));
    all.putAll(overrides);
    this.sources = Map.copyOf(all);
  }

  private static Map<String, ExportSource<?>> builtIn(SyntheticData data) {
    return Map.ofEntries(
        Map.entry("author", new AuthorExport(data)),
        Map.entry("combined", MessageExport.combined(data)),
        Map.entry("conversation", new ConversationExport(data)),
        Map.entry("conversation_actions", new ActionExport(data)),
        Map.entry("conversation_history_action", new HistoryExport(data)),
        Map.entry("incoming_post", MessageExport.incoming(data)),
        Map.entry("raw_agent_states", new AgentStateExport(data)),
        Map.entry("raw_expert_help", new ExpertHelpExport(data)),
        Map.entry("response", MessageExport.responses(data)),
        Map.entry("response_approval", MessageExport.approvals(data)),
        Map.entry("team_performance", new TeamPerformanceExport(data, false)),
        Map.entry("team_performance_interval", new TeamPerformanceExport(data, true)),
        Map.entry("user", new UserExport(data)),
        Map.entry("raw_brand_posts", new BrandPostExport(data)));
  }

  public SyntheticData data() {
    return data;
  }

  /** The rows of the request, one value per requested column, generated lazily. */
  public Iterator<Object[]> rows(ReportRequest request) {
    ExportSource<?> source = sources.get(request.export().id());
    return source != null
        ? bind(source, request)
        : bind(new GenericExport(data, request.export().id()), request);
  }

  private <R extends Event> Iterator<Object[]> bind(ExportSource<R> source, ReportRequest request) {
    Fields<R> fields = source.fields(request);
    List<Function<? super R, Object>> values = new ArrayList<>();
    for (ColumnDef c : request.columns()) {
      Function<R, Object> known = fields.get(c.name());
      values.add(known != null ? known : FallbackValues.of(c, data));
    }
    Iterator<R> rows = source.rows(request);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Object[] next() {
        R row = rows.next();
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = values.get(i).apply(row);
        }
        return out;
      }
    };
  }
}
