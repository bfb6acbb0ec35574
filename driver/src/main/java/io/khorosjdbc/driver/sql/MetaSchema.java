package io.khorosjdbc.driver.sql;

import static io.khorosjdbc.driver.format.ColumnType.BIGINT;
import static io.khorosjdbc.driver.format.ColumnType.BOOLEAN;
import static io.khorosjdbc.driver.format.ColumnType.TIMESTAMP;
import static io.khorosjdbc.driver.format.ColumnType.VARCHAR;

import io.khorosjdbc.driver.api.Team;
import io.khorosjdbc.driver.api.TimeZoneInfo;
import io.khorosjdbc.driver.catalog.ColumnInfo;
import io.khorosjdbc.driver.catalog.ParameterColumn;
import io.khorosjdbc.driver.catalog.ReportDefinition;
import io.khorosjdbc.driver.catalog.WindowRule;
import io.khorosjdbc.driver.export.ExportSpec;
import io.khorosjdbc.driver.export.JobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code khoros_meta}: {@code exports} (every job this JVM ran for the tenant), {@code
 * reports} (the catalog), {@code columns} (every table's columns; reading it discovers them all),
 * and the tenant's {@code teams} and {@code timezones} from the API's own endpoints.
 */
public final class MetaSchema extends AbstractSchema {
  public static final String NAME = "khoros_meta";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  public MetaSchema(KhorosContext context, KhorosSchema reports) {
    tables.put("exports", exports(context));
    tables.put("reports", reports(context));
    tables.put("columns", columns(reports));
    tables.put("teams", teams(context));
    tables.put("timezones", timezones(context));
    tables.put("cache", cache(context));
    tables.put("clear_cache", clearCache(context));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  private static SystemTable exports(KhorosContext context) {
    return SystemTable.builder()
        .column("JOB_ID", BIGINT)
        .column("REPORT", VARCHAR)
        .column("WINDOW_START", TIMESTAMP)
        .column("WINDOW_END", TIMESTAMP)
        .column("PARAMETERS", VARCHAR)
        .column("METRICS", VARCHAR)
        .column("FORMAT", VARCHAR)
        .column("STATE", VARCHAR)
        .column("WORKFLOW_ID", VARCHAR)
        .column("RUN_ID", VARCHAR)
        .column("POLLS", BIGINT)
        .column("ROW_COUNT", BIGINT)
        .column("BYTES", BIGINT)
        .column("CREATED_AT", TIMESTAMP)
        .column("READY_AT", TIMESTAMP)
        .column("FINISHED_AT", TIMESTAMP)
        .column("FROM_CACHE", BOOLEAN)
        .column("ERROR", VARCHAR)
        .column("ATTACHED", VARCHAR)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              for (JobRecord job : context.ledger().jobs()) {
                ExportSpec spec = job.spec();
                rows.add(
                    new Object[] {
                      job.id(),
                      spec.report().table(),
                      spec.start(),
                      spec.end(),
                      new TreeMap<>(spec.parameters()).toString(),
                      String.join(",", spec.metrics()),
                      spec.format().apiValue(),
                      job.state().name(),
                      job.workflowId(),
                      job.runId(),
                      (long) job.polls(),
                      job.rows(),
                      job.bytes(),
                      job.createdAt(),
                      zeroAsNull(job.readyAt()),
                      zeroAsNull(job.finishedAt()),
                      job.fromCache(),
                      job.error(),
                      job.origin().name()
                    });
              }
              return rows;
            });
  }

  private static SystemTable reports(KhorosContext context) {
    return SystemTable.builder()
        .column("TABLE_NAME", VARCHAR)
        .column("EXPORT_ID", VARCHAR)
        .column("PATH", VARCHAR)
        .column("DESCRIPTION", VARCHAR)
        .column("WINDOW_KIND", VARCHAR)
        .column("ANCHOR_COLUMN", VARCHAR)
        .column("PARAMETER_COLUMNS", VARCHAR)
        .column("MAX_WINDOW_DAYS", BIGINT)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              for (ReportDefinition report : context.catalog().reports()) {
                WindowRule.Semantics semantics = report.windowRule().semantics(Map.of());
                rows.add(
                    new Object[] {
                      report.table(),
                      report.exportId(),
                      "/api/public/reports/report/"
                          + (report.marketing() ? "marketing/" : "")
                          + report.exportId(),
                      report.description(),
                      semantics.kind().name(),
                      semantics.anchorColumn().orElse(null),
                      String.join(
                          ",", report.parameters().stream().map(ParameterColumn::name).toList()),
                      report.maxWindowMillis().map(TimeUnit.MILLISECONDS::toDays).orElse(null)
                    });
              }
              return rows;
            });
  }

  private static SystemTable columns(KhorosSchema reports) {
    return SystemTable.builder()
        .column("TABLE_NAME", VARCHAR)
        .column("COLUMN_NAME", VARCHAR)
        .column("ORDINAL_POSITION", BIGINT)
        .column("TYPE_NAME", VARCHAR)
        .column("COLUMN_KIND", VARCHAR)
        .column("JSON_ONLY", BOOLEAN)
        .column("SOURCE", VARCHAR)
        .column("DESCRIPTION", VARCHAR)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              for (Table table : reports.getTableMap().values()) {
                ReportTable report = (ReportTable) table;
                long position = 0;
                for (ColumnInfo column : report.dataColumns()) {
                  rows.add(
                      new Object[] {
                        report.name(),
                        column.name(),
                        ++position,
                        column.type().name(),
                        "DATA",
                        column.jsonOnly(),
                        report.schemaSource(),
                        column.description()
                      });
                }
                for (String window :
                    List.of(PseudoColumns.WINDOW_START, PseudoColumns.WINDOW_END)) {
                  rows.add(
                      new Object[] {
                        report.name(),
                        window,
                        ++position,
                        "TIMESTAMP",
                        "WINDOW",
                        false,
                        "driver",
                        "Export window that produced the row"
                      });
                }
                for (ParameterColumn parameter : report.report().parameters()) {
                  rows.add(
                      new Object[] {
                        report.name(),
                        parameter.name(),
                        ++position,
                        parameter.type().name(),
                        "PARAMETER",
                        false,
                        "driver",
                        parameter.description()
                      });
                }
              }
              return rows;
            });
  }

  private static SystemTable teams(KhorosContext context) {
    return SystemTable.builder()
        .column("TEAM_ID", BIGINT)
        .column("UUID", VARCHAR)
        .column("NAME", VARCHAR)
        .column("DESCRIPTION", VARCHAR)
        .column("NUMBER_OF_MEMBERS", BIGINT)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              for (Team team : call(() -> context.directory().teams())) {
                rows.add(
                    new Object[] {
                      team.teamId(),
                      team.uuid(),
                      team.name(),
                      team.description(),
                      team.numberOfMembers() == null ? null : team.numberOfMembers().longValue()
                    });
              }
              return rows;
            });
  }

  private static SystemTable timezones(KhorosContext context) {
    return SystemTable.builder()
        .column("ID", VARCHAR)
        .column("NAME", VARCHAR)
        .column("SHORT_NAME", VARCHAR)
        .column("OFFSET_STRING", VARCHAR)
        .column("OFFSET_MILLIS", BIGINT)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              for (TimeZoneInfo zone : call(() -> context.directory().timezones("en"))) {
                rows.add(
                    new Object[] {
                      zone.id(),
                      zone.name(),
                      zone.shortName(),
                      zone.offsetString(),
                      zone.offsetMillis()
                    });
              }
              return rows;
            });
  }

  /** The exports kept in the cache directory (of every tenant). */
  private static SystemTable cache(KhorosContext context) {
    return SystemTable.builder()
        .column("REPORT", VARCHAR)
        .column("WINDOW_START", TIMESTAMP)
        .column("WINDOW_END", TIMESTAMP)
        .column("PARAMETERS", VARCHAR)
        .column("FORMAT", VARCHAR)
        .column("METRICS", VARCHAR)
        .column("BYTES", BIGINT)
        .column("CREATED_AT", TIMESTAMP)
        .rows(
            () -> {
              List<Object[]> rows = new ArrayList<>();
              context
                  .exportCache()
                  .ifPresent(
                      cache ->
                          cache
                              .cache()
                              .entries()
                              .forEach(
                                  e ->
                                      rows.add(
                                          new Object[] {
                                            e.meta().report(),
                                            e.meta().start(),
                                            e.meta().end(),
                                            e.meta().parameters(),
                                            e.meta().format(),
                                            String.join(",", e.metrics()),
                                            e.bytes(),
                                            e.createdAt()
                                          })));
              return rows;
            });
  }

  /**
   * Reading it empties the export cache and returns how many exports it removed: the SQL way to
   * clear the cache in a read-only driver ({@code cacheClear=true} does it at connect).
   */
  private static SystemTable clearCache(KhorosContext context) {
    return SystemTable.builder()
        .column("REMOVED", BIGINT)
        .rows(
            () ->
                List.<Object[]>of(
                    new Object[] {
                      context.exportCache().map(cache -> cache.cache().clear()).orElse(0L)
                    }));
  }

  /** An API call made while a system table is scanned. */
  private interface ApiCall<T> {
    T call() throws IOException;
  }

  private static <T> T call(ApiCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private static Long zeroAsNull(long millis) {
    return millis == 0 ? null : millis;
  }
}
