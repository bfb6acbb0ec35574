package io.khorosjdbc.driver.api;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Captures what slf4j-simple (the test binding, at WARN per {@code simplelogger.properties})
 * prints, to count warnings. The binding reads its configuration once per JVM, so this swaps its
 * output through reflection on a package-private field, and puts it back on {@link #close()}.
 */
final class WarnCapture implements AutoCloseable {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Object config;
  private final Field output;
  private final Object previous;

  WarnCapture() throws ReflectiveOperationException {
    LoggerFactory.getLogger(WarnCapture.class).debug("initialise the binding");
    Class<?> simple = Class.forName("org.slf4j.simple.SimpleLogger");
    Field params = simple.getDeclaredField("CONFIG_PARAMS");
    params.setAccessible(true);
    config = params.get(null);
    output = config.getClass().getDeclaredField("outputChoice");
    output.setAccessible(true);
    previous = output.get(config);
    Constructor<?> toStream =
        Class.forName("org.slf4j.simple.OutputChoice").getDeclaredConstructor(PrintStream.class);
    toStream.setAccessible(true);
    output.set(config, toStream.newInstance(new PrintStream(buffer, true, StandardCharsets.UTF_8)));
  }

  /** How many WARN lines mention {@code text}. */
  long warnings(String text) {
    return buffer
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> line.contains("WARN") && line.contains(text))
        .count();
  }

  String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws ReflectiveOperationException {
    output.set(config, previous);
  }
}
