package org.apache.calcite.jdbc;

import io.khorosjdbc.driver.jdbc.BatchCursor;
import io.khorosjdbc.driver.jdbc.SqlErrors;
import io.khorosjdbc.driver.jdbc.WallClockTimestamps;
import io.khorosjdbc.driver.sql.QueryWarnings;
import io.khorosjdbc.driver.sql.ScanRows;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Calcite's JDBC object factory with two changes, delegating the rest to Calcite's own: result sets
 * whose {@code next()} reports a failure of the rows' source (an export that breaks off while rows
 * are being read) as the {@link SQLException} JDBC promises, not as the unchecked exception Calcite
 * lets through; and result sets and statements whose {@code getWarnings()} return what the query's
 * scans reported ({@link QueryWarnings}, e.g. an assumed time window) instead of Avatica's constant
 * null. It lives in Calcite's package because the constructors it calls are package-private.
 */
public class SqlExceptionJdbcFactory extends CalciteFactory {
  private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

  public SqlExceptionJdbcFactory() {
    super(4, 1);
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver,
      AvaticaFactory factory,
      String url,
      Properties info,
      CalciteSchema rootSchema,
      JavaTypeFactory typeFactory) {
    return calcite.newConnection(driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return calcite.newDatabaseMetaData(connection);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    return new WarningStatement(
        (CalciteConnectionImpl) connection,
        h,
        resultSetType,
        resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return calcite.newPreparedStatement(
        connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CalciteResultSet newResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new CheckedResultSet(
        statement, (CalcitePrepare.CalciteSignature<?>) signature, metaData, timeZone, firstFrame);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(
      AvaticaStatement statement, Meta.Signature signature) {
    return calcite.newResultSetMetaData(statement, signature);
  }

  /**
   * A statement whose warnings are those of its current result set, and whose failures carry their
   * SQLState (Avatica reports any failure as a plain SQLException without one; a timeout becomes a
   * {@link java.sql.SQLTimeoutException}).
   */
  static final class WarningStatement extends CalciteStatement {
    WarningStatement(
        CalciteConnectionImpl connection,
        Meta.StatementHandle h,
        int type,
        int concurrency,
        int holdability) {
      super(connection, h, type, concurrency, holdability);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
      return withState(() -> super.execute(sql));
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
      return withState(() -> super.executeQuery(sql));
    }

    private interface Execution<T> {
      T run() throws SQLException;
    }

    private static <T> T withState(Execution<T> execution) throws SQLException {
      try {
        return execution.run();
      } catch (SQLException e) {
        throw SqlErrors.withState(e);
      }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      super.getWarnings(); // fails on a closed statement, as JDBC requires
      return openResultSet instanceof CheckedResultSet rs ? rs.warnings : null;
    }
  }

  /**
   * A result set that turns unchecked failures while advancing into SQLExceptions and keeps the
   * warnings its query's scans reported while it executed.
   */
  static final class CheckedResultSet extends CalciteResultSet {
    private SQLWarning warnings;

    /**
     * Per column: the class of the values Calcite hands over when it is already the class {@code
     * getObject} returns (Long for BIGINT, Double for DOUBLE, Boolean for BOOLEAN, String for
     * VARCHAR), else null. Avatica unboxes and boxes again (an allocation per value), or passes a
     * String through three layers of accessors.
     */
    private final Class<?>[] readyClass;

    /** Per column: a TIMESTAMP that Calcite hands over as epoch milliseconds. */
    private final boolean[] wallClock;

    /** Made for the first timestamp read: most result sets (metadata, counts) have none. */
    private WallClockTimestamps timestamps;

    /** The scan's batches, when the plan is one scan alone; else null. */
    private BatchCursor direct;

    /** Per column: {@link #direct} holds getObject's class, so a value is handed over as it is. */
    private boolean[] directReady;

    CheckedResultSet(
        AvaticaStatement statement,
        CalcitePrepare.CalciteSignature<?> signature,
        ResultSetMetaData metaData,
        TimeZone timeZone,
        Meta.Frame firstFrame)
        throws SQLException {
      super(statement, signature, metaData, timeZone, firstFrame);
      int columns = columnMetaDataList.size();
      this.readyClass = new Class<?>[columns];
      this.wallClock = new boolean[columns];
      for (int i = 0; i < columns; i++) {
        ColumnMetaData column = columnMetaDataList.get(i);
        boolean number =
            column.type.rep == ColumnMetaData.Rep.PRIMITIVE_LONG
                || column.type.rep == ColumnMetaData.Rep.LONG
                || column.type.rep == ColumnMetaData.Rep.NUMBER;
        wallClock[i] = column.type.id == Types.TIMESTAMP && number;
        readyClass[i] =
            switch (column.type.id) {
              case Types.BIGINT -> column.signed ? Long.class : null;
              case Types.DOUBLE -> Double.class;
              case Types.BOOLEAN -> Boolean.class;
              case Types.VARCHAR -> String.class;
              default -> null;
            };
      }
    }

    // Avatica's own path is right but slow for these columns; same values, fewer allocations.
    @Override
    public Object getObject(int columnIndex) throws SQLException {
      if (!inRange(columnIndex)) {
        return super.getObject(columnIndex);
      }
      if (wallClock[columnIndex - 1]) {
        return timestamp(columnIndex);
      }
      if (directReady != null && directReady[columnIndex - 1]) {
        checkOpen();
        return direct.value(columnIndex - 1);
      }
      Class<?> ready = readyClass[columnIndex - 1];
      if (ready != null) {
        checkOpen();
        Object value = accessorList.get(columnIndex - 1).getObject();
        if (value == null || value.getClass() == ready) {
          return value;
        }
      }
      return super.getObject(columnIndex);
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
      return inRange(columnIndex) && wallClock[columnIndex - 1]
          ? timestamp(columnIndex)
          : super.getTimestamp(columnIndex);
    }

    private boolean inRange(int columnIndex) {
      return columnIndex >= 1 && columnIndex <= wallClock.length;
    }

    private Timestamp timestamp(int columnIndex) throws SQLException {
      checkOpen();
      long millis =
          direct != null
              ? direct.millis(columnIndex - 1)
              : accessorList.get(columnIndex - 1).getLong();
      if (cursor.wasNull()) {
        return null;
      }
      if (timestamps == null) {
        timestamps = new WallClockTimestamps(localCalendar);
      }
      return timestamps.of(millis);
    }

    @Override
    protected CalciteResultSet execute() throws SQLException {
      try {
        QueryWarnings.Collected<ScanRows.Captured<CalciteResultSet>> run =
            QueryWarnings.collect(() -> ScanRows.capture(super::execute));
        warnings = run.warnings();
        ScanRows scan = run.result().rows();
        if (scan != null && scan.fields() == columnMetaDataList.size()) {
          readDirectly(new BatchCursor(scan));
        }
        return run.result().result();
      } catch (SQLException | RuntimeException e) {
        throw e; // Avatica wraps it, keeping it as the cause; the statement adds the SQLState
      } catch (Exception e) {
        throw SqlErrors.toSqlException(e.getMessage(), e);
      }
    }

    /**
     * The plan is one scan: read its batches instead of Calcite's rows of objects, through the
     * iterator Calcite's cursor would have read (its first row is already read).
     */
    private void readDirectly(BatchCursor batches) {
      execute2(batches, columnMetaDataList);
      direct = batches;
      directReady = new boolean[readyClass.length];
      for (int i = 0; i < readyClass.length; i++) {
        directReady[i] = readyClass[i] != null && batches.holdsOnly(i, readyClass[i]);
      }
    }

    /** Whether the rows are read from a scan's batches (for tests). */
    boolean readsBatches() {
      return direct != null;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      super.getWarnings();
      return warnings;
    }

    @Override
    public void clearWarnings() {
      warnings = null;
    }

    @Override
    public boolean next() throws SQLException {
      try {
        return super.next();
      } catch (RuntimeException e) {
        throw SqlErrors.toSqlException(e.getMessage(), e);
      }
    }
  }
}
