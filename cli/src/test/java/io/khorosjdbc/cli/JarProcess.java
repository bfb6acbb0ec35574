package io.khorosjdbc.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a clean JVM (the same java as the tests) and captures its output. */
record JarProcess(int exitCode, String out, String err) {

  /**
   * The tag of tests on the packaged jars. Surefire leaves them out (they need the jars, which
   * exist only after package), also when -Dtest names the tests to skip rather than those to run;
   * failsafe runs them.
   */
  static final String PACKAGED = "packaged-jar";

  static Path requiredFile(String systemProperty) {
    String value = System.getProperty(systemProperty);
    if (value == null) {
      throw new IllegalStateException(systemProperty + " is not set: run through mvn verify");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(path + " does not exist: run mvn package first");
    }
    return path;
  }

  static JarProcess run(Path workDir, List<String> javaArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(
                ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new JarProcess(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").startsWith("Windows");
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
