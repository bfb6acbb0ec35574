package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged shell, cli/target/khoros-sql.jar, started as users start it. */
@Tag(JarProcess.PACKAGED)
class KhorosSqlJarIT {
  static final Path JAR = JarProcess.requiredFile("khoros.sql.jar");

  @TempDir Path work;

  @Test
  void demoQueryPrintsATableAndExitsZero() throws Exception {
    JarProcess run =
        JarProcess.run(
            work,
            List.of(
                "-jar",
                JAR.toString(),
                "--demo",
                "-e",
                "SELECT TEAM_NAME, COUNT(*) AS CLOSED FROM conversation"
                    + " WHERE API_CONVERSATION_REPORT_TYPE = 'CLOSED'"
                    + " AND WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
                    + " AND WINDOW_END <= TIMESTAMP '2019-02-08 00:00:00'"
                    + " GROUP BY TEAM_NAME ORDER BY TEAM_NAME"));
    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(1).matches("\\| TEAM_NAME +\\| CLOSED \\|"), run::toString);
    assertTrue(lines.size() >= 7, "header, rules and several teams: " + run);
    assertTrue(lines.get(3).matches("\\| \\S.* +\\| +[1-9]\\d* \\|"), run::toString);
    assertFalse(run.err().contains("\r"), "no progress line without a terminal: " + run);
    assertFalse(run.err().contains("SLF4J"), "the shell brings its SLF4J provider: " + run);
    assertFalse(run.err().contains("WARN"), run::toString);
  }

  @Test
  void badSqlExitsNonZeroWithTheMessage() throws Exception {
    JarProcess run =
        JarProcess.run(
            work, List.of("-jar", JAR.toString(), "--demo", "-e", "SELECT * FROM no_such_table"));
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().contains("Object 'no_such_table' not found"), run::toString);
  }

  @Test
  void helpAndManifest() throws Exception {
    JarProcess run = JarProcess.run(work, List.of("-jar", JAR.toString(), "--help"));
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("--demo"), run::toString);
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals(
          "io.khorosjdbc.cli.KhorosSql",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("sqlline/SqlLine.class") != null);
      assertTrue(jar.getEntry("org/jline/reader/Completer.class") != null);
      assertTrue(jar.getEntry("io/khorosjdbc/emulator/KhorosEmulator.class") != null);
      assertTrue(jar.getEntry("org/slf4j/simple/SimpleServiceProvider.class") != null);
    }
  }
}
