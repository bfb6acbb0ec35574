package io.khorosjdbc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.khorosjdbc.emulator.KhorosEmulator;
import io.khorosjdbc.emulator.KhorosEmulatorExtension;
import io.khorosjdbc.emulator.RateLimit;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded driver, driver/target/khoros-jdbc.jar, in a clean JVM next to an application's own,
 * different versions of Jackson (2.17) and OkHttp (4.12, with its okio and Kotlin): both sides must
 * work in the same class path.
 */
@Tag(JarProcess.PACKAGED)
class ShadedDriverIT {
  static final Path DRIVER = JarProcess.requiredFile("khoros.driver.jar");
  static final Path FOREIGN = JarProcess.requiredFile("khoros.foreign.libs");

  @RegisterExtension
  static final KhorosEmulatorExtension EMU =
      new KhorosEmulatorExtension(
          KhorosEmulator.builder().jobLatencyMillis(20).rateLimit(RateLimit.OFF));

  @TempDir static Path work;

  /** An application that uses its own Jackson and OkHttp, then the driver. */
  static final String PROBE =
      """
      import com.fasterxml.jackson.databind.JsonNode;
      import com.fasterxml.jackson.databind.ObjectMapper;
      import java.sql.*;
      import java.util.Properties;
      import okhttp3.Credentials;
      import okhttp3.OkHttpClient;
      import okhttp3.Request;
      import okhttp3.Response;

      public class Probe {
        public static void main(String[] args) throws Exception {
          String base = args[0];
          ObjectMapper json = new ObjectMapper();
          OkHttpClient http = new OkHttpClient();
          Request request = new Request.Builder().url(base + "/api/public/teams?companyKey=demo")
              .header("Authorization", Credentials.basic("demo", "demo")).build();
          JsonNode teams;
          try (Response response = http.newCall(request).execute()) {
            teams = json.readTree(response.body().string());
          }
          System.out.println("app jackson " + json.version() + " from "
              + ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation());
          System.out.println("app okhttp from "
              + OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation());
          System.out.println("app teams status " + teams.path("status").asText());

          Properties props = new Properties();
          props.setProperty("user", "demo");
          props.setProperty("password", "demo");
          String url = "jdbc:khoros:url=" + base + ";companyKey=demo;cache=false;schemaCacheDir=" + args[1]
              + ";pollInitialDelay=10ms";
          try (Connection c = DriverManager.getConnection(url, props);
               Statement s = c.createStatement()) {
            System.out.println("driver " + c.getMetaData().getDriverName() + " "
                + c.getMetaData().getDriverVersion());
            try (ResultSet rs = s.executeQuery(
                "SELECT TEAM_NAME, COUNT(*) AS N, MIN(CREATED_TIME) AS FIRST_CREATED"
                + " FROM conversation WHERE WINDOW_START >= TIMESTAMP '2019-02-01 00:00:00'"
                + " AND WINDOW_END <= TIMESTAMP '2019-02-03 00:00:00'"
                + " GROUP BY TEAM_NAME HAVING COUNT(*) > 0 ORDER BY N DESC, TEAM_NAME")) {
              while (rs.next()) {
                System.out.println("row " + rs.getString(1) + " " + rs.getLong(2));
              }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM khoros_meta.teams")) {
              rs.next();
              System.out.println("driver teams " + rs.getLong(1));
            }
          }
        }
      }
      """;

  static Path classes;

  @BeforeAll
  static void compileProbe() throws IOException {
    classes = Files.createDirectories(work.resolve("classes"));
    Path source = work.resolve("Probe.java");
    Files.writeString(source, PROBE, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int result =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            foreignClassPath(),
            source.toString());
    assertEquals(0, result, "the probe compiles against the application's libraries");
  }

  static String foreignClassPath() throws IOException {
    List<String> jars = new ArrayList<>();
    for (String name :
        List.of(
            "jackson-databind-2.17.2.jar",
            "jackson-core-2.17.2.jar",
            "jackson-annotations-2.17.2.jar",
            "okhttp-4.12.0.jar",
            "okio-jvm-3.6.0.jar",
            "kotlin-stdlib-1.9.10.jar")) {
      Path jar = FOREIGN.resolve(name);
      assertTrue(Files.exists(jar), jar + " (copied by maven-dependency-plugin)");
      jars.add(jar.toString());
    }
    return String.join(File.pathSeparator, jars);
  }

  private JarProcess probe(String... extraClassPath) throws Exception {
    List<String> cp = new ArrayList<>(List.of(DRIVER.toString(), classes.toString()));
    cp.addAll(List.of(extraClassPath));
    cp.add(foreignClassPath());
    return JarProcess.run(
        work,
        List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-cp",
            String.join(File.pathSeparator, cp),
            "Probe",
            EMU.baseUrl(),
            Files.createTempDirectory(work, "cache").toString()));
  }

  @Test
  void loadsNextToOtherVersionsOfJacksonAndOkHttp() throws Exception {
    JarProcess run = probe();
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("app jackson 2.17.2 from "), run::toString);
    assertTrue(
        run.out().matches("(?s).*app jackson [^\\n]*jackson-databind-2\\.17\\.2\\.jar.*"),
        run::toString);
    assertTrue(
        run.out().matches("(?s).*app okhttp from [^\\n]*okhttp-4\\.12\\.0\\.jar.*"), run::toString);
    assertTrue(run.out().contains("app teams status PASS"), run::toString);
    assertTrue(run.out().contains("driver khoros-jdbc "), run::toString);
    long rows = run.out().lines().filter(l -> l.startsWith("row ")).count();
    assertTrue(rows >= 3, "one row per team: " + run);
    assertTrue(run.out().matches("(?s).*driver teams [1-9].*"), run::toString);
    // No SLF4J provider inside the driver: without one on the class path, SLF4J says so.
    assertTrue(run.err().contains("No SLF4J providers were found"), run::toString);
  }

  @Test
  void logsThroughTheApplicationsSlf4jProviderOneInfoLinePerExport() throws Exception {
    EMU.emulator().reset();
    JarProcess run = probe(FOREIGN.resolve("slf4j-simple-2.0.17.jar").toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertFalse(run.err().contains("No SLF4J providers"), run::toString);
    long creates =
        EMU.emulator().journal().stream().filter(e -> "create".equals(e.route())).count();
    Matcher done = Pattern.compile("INFO .*export \\d+ done").matcher(run.err());
    long infoLines = 0;
    while (done.find()) {
      infoLines++;
    }
    assertTrue(creates >= 1, "the query ran exports");
    assertEquals(creates, infoLines, "one INFO line per export job:\n" + run);
    assertFalse(
        run.err().contains("demo:demo") || run.err().contains("ZGVtbzpkZW1v"),
        "credentials never logged");
  }

  @Test
  void jarLayout() throws IOException {
    try (JarFile jar = new JarFile(DRIVER.toFile())) {
      assertEquals("true", jar.getManifest().getMainAttributes().getValue("Multi-Release"));
      List<String> leaked = new ArrayList<>();
      List<String> forbidden = new ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        for (String prefix :
            List.of(
                "okhttp3/",
                "okio/",
                "kotlin/",
                "com/fasterxml/",
                "org/apache/commons/csv/",
                "org/apache/commons/lang3/",
                "org/apache/commons/codec/",
                "org/apache/commons/io/",
                "org/apache/hc/",
                "com/google/protobuf/",
                "org/yaml/")) {
          if (name.startsWith(prefix) && name.endsWith(".class")) {
            leaked.add(name);
          }
        }
        if (name.endsWith("module-info.class")
            || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")
            || name.matches("META-INF/versions/\\d+/com/fasterxml/.*")
            || name.startsWith("org/slf4j/simple/")
            || name.startsWith("org/slf4j/impl/")
            || name.startsWith("ch/qos/logback/")
            || name.equals("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")) {
          forbidden.add(name);
        }
      }
      assertEquals(List.of(), leaked.subList(0, Math.min(10, leaked.size())), "not relocated");
      assertEquals(List.of(), forbidden, "must not be in the shaded jar");
      assertNotNull(jar.getEntry("io/khorosjdbc/shaded/okhttp3/OkHttpClient.class"));
      assertNotNull(
          jar.getEntry("io/khorosjdbc/shaded/com/fasterxml/jackson/databind/ObjectMapper.class"));
      assertNotNull(
          jar.getEntry(
              "io/khorosjdbc/shaded/com/fasterxml/jackson/dataformat/csv/CsvParser.class"));
      assertNotNull(jar.getEntry("org/apache/calcite/jdbc/Driver.class"), "Calcite unrelocated");
      assertNotNull(jar.getEntry("org/slf4j/LoggerFactory.class"), "slf4j-api unrelocated");
      assertNull(jar.getEntry("io/khorosjdbc/shaded/org/slf4j/LoggerFactory.class"));
      try (InputStream services =
          jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))) {
        String drivers = new String(services.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(drivers.contains("io.khorosjdbc.driver.jdbc.KhorosDriver"), drivers);
      }
      // Jackson's own service files must name the relocated classes.
      assertNotNull(
          jar.getEntry(
              "META-INF/services/io.khorosjdbc.shaded.com.fasterxml.jackson.core.JsonFactory"));
      assertNull(jar.getEntry("META-INF/services/com.fasterxml.jackson.core.JsonFactory"));
    }
  }
}
