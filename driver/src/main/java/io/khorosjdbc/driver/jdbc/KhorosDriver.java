package io.khorosjdbc.driver.jdbc;

import io.khorosjdbc.driver.catalog.KnownColumns;
import io.khorosjdbc.driver.catalog.ReportCatalog;
import io.khorosjdbc.driver.catalog.SchemaCache;
import io.khorosjdbc.driver.catalog.SchemaFile;
import io.khorosjdbc.driver.catalog.SchemaResolver;
import io.khorosjdbc.driver.catalog.SchemaSettings;
import io.khorosjdbc.driver.error.SqlState;
import io.khorosjdbc.driver.export.ExportSession;
import io.khorosjdbc.driver.export.ServerColumnDiscoverer;
import io.khorosjdbc.driver.export.TenantScheduler;
import io.khorosjdbc.driver.export.cache.ExportCache;
import io.khorosjdbc.driver.export.cache.TenantCache;
import io.khorosjdbc.driver.sql.KhorosContext;
import io.khorosjdbc.driver.sql.KhorosSchema;
import io.khorosjdbc.driver.sql.MetaSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.ConcurrentStatementRegistry;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.KhorosCalciteMeta;
import org.apache.calcite.jdbc.SqlExceptionJdbcFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jdbc:khoros:} driver: Calcite's JDBC driver with the {@code khoros} schema (one table
 * per export) and {@code khoros_meta} schema added to every connection. Properties come after the
 * prefix as {@code key=value;} pairs or as JDBC properties; see {@link DriverProperty}.
 */
public class KhorosDriver extends Driver {
  public static final String PREFIX = "jdbc:khoros:";
  private static final Logger LOG = LoggerFactory.getLogger(KhorosDriver.class);

  /**
   * Calcite settings that make the driver behave as SQL tools expect: identifiers match in any case
   * without quotes, and TIMESTAMP values are never shifted by the JVM's time zone.
   */
  private static final Map<String, String> CALCITE_DEFAULTS =
      Map.of(
          "caseSensitive", "false",
          "unquotedCasing", "UNCHANGED",
          "quotedCasing", "UNCHANGED",
          "timeZone", "UTC");

  static {
    new KhorosDriver().register();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(
        "khoros-jdbc",
        Version.STRING,
        "Khoros Care Analytics",
        "Analytics Reports API",
        false,
        Version.MAJOR,
        Version.MINOR,
        1,
        0);
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return SqlExceptionJdbcFactory.class.getName();
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new KhorosCalciteMeta(connection, ToolMetadata.TABLES, ToolMetadata.COLUMNS);
  }

  @Override
  public CalcitePrepare createPrepare() {
    return new ReadOnlyPrepare();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties withDefaults = new Properties();
    withDefaults.putAll(CALCITE_DEFAULTS);
    if (info != null) {
      withDefaults.putAll(info);
    }
    return super.connect(url, withDefaults);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties given = new Properties();
    if (info != null) {
      given.putAll(info);
    }
    if (url != null && acceptsURL(url)) {
      given = ConnectStringParser.parse(url.substring(PREFIX.length()), given);
    }
    List<DriverPropertyInfo> result = new ArrayList<>();
    for (DriverProperty property : DriverProperty.values()) {
      String value = given.getProperty(property.key(), property.defaultValue());
      DriverPropertyInfo entry =
          new DriverPropertyInfo(property.key(), property.isSecret() ? null : value);
      entry.description =
          property.description()
              + (property.defaultValue() == null
                  ? ""
                  : " Default: " + property.defaultValue() + ".");
      entry.required = property.required();
      entry.choices = property.choices();
      result.add(entry);
    }
    return result.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new Handler() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        calcite.onConnectionInit(connection);
        CalciteConnection calciteConnection = (CalciteConnection) connection;
        ConcurrentStatementRegistry.install(calciteConnection);
        ConnectionConfig config =
            ConnectionConfig.from(calciteConnection.getProperties(), System.getenv());
        LOG.debug("connecting with {}", config);
        KhorosContext context = openContext(config);
        SchemaPlus root = calciteConnection.getRootSchema();
        KhorosSchema reports = new KhorosSchema(context);
        root.add(KhorosSchema.NAME, reports);
        root.add(MetaSchema.NAME, new MetaSchema(context, reports));
        calciteConnection.setSchema(KhorosSchema.NAME);
        // Nothing is ever written, so every statement is its own transaction; tools that see
        // auto-commit off try to commit.
        calciteConnection.setAutoCommit(true);
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        try {
          SchemaPlus schema =
              ((CalciteConnection) connection).getRootSchema().subSchemas().get(KhorosSchema.NAME);
          if (schema != null) {
            schema.unwrap(KhorosSchema.class).context().close();
          }
        } catch (RuntimeException e) {
          LOG.warn("closing the connection's exports failed: {}", e.toString());
        } finally {
          calcite.onConnectionClose(connection);
        }
      }

      @Override
      public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        calcite.onStatementExecute(statement, resultSink);
      }

      @Override
      public void onStatementClose(AvaticaStatement statement) {
        calcite.onStatementClose(statement);
      }
    };
  }

  /** The tenant's view of the export cache, when it is enabled. */
  private static Optional<TenantCache> exportCache(ConnectionConfig config) {
    ConnectionConfig.ExportCacheConfig settings = config.exportCache();
    if (!settings.enabled()) {
      return Optional.empty();
    }
    ExportCache cache =
        new ExportCache(
            settings.directory(),
            settings.recentTtl(),
            settings.closedTtl(),
            settings.maxBytes(),
            Clock.systemUTC());
    if (settings.clearOnConnect()) {
      LOG.info("cleared {} cached exports", cache.clear());
    }
    return Optional.of(
        new TenantCache(
            cache,
            config.tenantKey(),
            config.exportSettings().responseFormatting(),
            settings.memoryBytes()));
  }

  private static KhorosContext openContext(ConnectionConfig config) throws SQLException {
    SchemaSettings schema = config.schemaSettings();
    Optional<SchemaFile> schemaFile;
    try {
      schemaFile =
          schema.schemaFile().isPresent()
              ? Optional.of(SchemaFile.load(schema.schemaFile().get()))
              : Optional.empty();
    } catch (IOException e) {
      throw new SQLException("khoros-jdbc: " + e.getMessage(), SqlState.INVALID_VALUE.code(), e);
    }
    TenantScheduler scheduler;
    try {
      scheduler = TenantScheduler.join(config.schedulerSettings());
    } catch (IOException e) {
      throw new SQLException("khoros-jdbc: " + e.getMessage(), SqlState.INVALID_VALUE.code(), e);
    }
    ExportSession session =
        new ExportSession(scheduler, config.exportSettings(), exportCache(config));
    KnownColumns known = KnownColumns.builtIn();
    Optional<SchemaCache> cache =
        schema
            .cacheDirectory()
            .map(directory -> new SchemaCache(directory, schema.cacheTtl(), Clock.systemUTC()));
    SchemaResolver resolver =
        new SchemaResolver(
            known,
            new ServerColumnDiscoverer(
                session, known, Clock.systemUTC(), schema.discoveryTimeout()),
            cache,
            schemaFile);
    session.columnFeedback(resolver);
    return new KhorosContext(config.sqlSettings(), ReportCatalog.builtIn(), session, resolver);
  }
}
