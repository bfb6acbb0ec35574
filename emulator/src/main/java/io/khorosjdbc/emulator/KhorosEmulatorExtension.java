package io.khorosjdbc.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running one emulator per test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static KhorosEmulatorExtension EMU = new KhorosEmulatorExtension(KhorosEmulator.builder().jobLatencyMillis(20));
 * }</pre>
 *
 * Starts before all tests, resets the journal, jobs and faults before each test (re-arming the
 * faults given to the builder), and stops after all tests.
 */
public final class KhorosEmulatorExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private final KhorosEmulator.Builder builder;
  private KhorosEmulator emulator;

  public KhorosEmulatorExtension() {
    this(KhorosEmulator.builder());
  }

  public KhorosEmulatorExtension(KhorosEmulator.Builder builder) {
    this.builder = builder;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start(); // also works when registered on an instance field, where beforeAll is not called
    emulator.reset();
    emulator.setFaults(emulator.config().faults());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  private synchronized void start() {
    if (emulator == null) {
      emulator = builder.build().start();
    }
  }

  public KhorosEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only while the test class runs");
    }
    return emulator;
  }

  public String baseUrl() {
    return emulator().baseUrl();
  }
}
