package io.khorosjdbc.driver.reliability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged through slf4j-simple (the test binding) at DEBUG, whatever {@code
 * simplelogger.properties} says, by adjusting the binding's configuration for the duration.
 * slf4j-simple reads its configuration once per JVM, so this uses reflection on its package-private
 * fields; it is test-only and restores everything on {@link #close()}.
 */
final class LogCapture implements AutoCloseable {
  private static final int DEBUG = 10;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Object config;
  private final Object previousOutput;
  private final int previousDefault;
  private final Map<Logger, Integer> previousLevels = new HashMap<>();

  LogCapture() throws ReflectiveOperationException {
    LoggerFactory.getLogger(LogCapture.class).debug("initialise the binding");
    Class<?> simple = Class.forName("org.slf4j.simple.SimpleLogger");
    config = field(simple, "CONFIG_PARAMS").get(null);
    Field output = field(config.getClass(), "outputChoice");
    previousOutput = output.get(config);
    Class<?> choice = Class.forName("org.slf4j.simple.OutputChoice");
    Constructor<?> toStream = choice.getDeclaredConstructor(PrintStream.class);
    toStream.setAccessible(true);
    output.set(config, toStream.newInstance(new PrintStream(buffer, true, StandardCharsets.UTF_8)));
    Field defaultLevel = field(config.getClass(), "defaultLogLevel");
    previousDefault = defaultLevel.getInt(config);
    defaultLevel.setInt(config, DEBUG);
    Object factory = LoggerFactory.getILoggerFactory();
    @SuppressWarnings("unchecked")
    Map<String, Logger> loggers =
        (Map<String, Logger>) field(factory.getClass(), "loggerMap").get(factory);
    Field level = field(simple, "currentLogLevel");
    for (Logger logger : loggers.values()) {
      previousLevels.put(logger, level.getInt(logger));
      level.setInt(logger, DEBUG);
    }
  }

  /** Everything logged so far. */
  String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  @Override
  public void close() throws ReflectiveOperationException {
    Class<?> simple = Class.forName("org.slf4j.simple.SimpleLogger");
    field(config.getClass(), "outputChoice").set(config, previousOutput);
    field(config.getClass(), "defaultLogLevel").setInt(config, previousDefault);
    Field level = field(simple, "currentLogLevel");
    Object factory = LoggerFactory.getILoggerFactory();
    @SuppressWarnings("unchecked")
    Map<String, Logger> loggers =
        (Map<String, Logger>) field(factory.getClass(), "loggerMap").get(factory);
    for (Logger logger : loggers.values()) {
      level.setInt(logger, previousLevels.getOrDefault(logger, previousDefault));
    }
  }
}
