package io.khorosjdbc.driver.correctness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The oracle shares no code with the driver: its sources import nothing of io.khorosjdbc. */
class OracleIndependenceTest {
  @Test
  void oracleSourcesImportNothingOfTheDriverOrTheEmulator() throws IOException {
    Path dir = Path.of("src/test/java/io/khorosjdbc/driver/correctness/oracle");
    List<String> offending;
    try (Stream<Path> files = Files.list(dir)) {
      offending =
          files
              .flatMap(
                  f -> {
                    try {
                      return Files.readAllLines(f).stream()
                          .filter(
                              l ->
                                  l.startsWith("import ")
                                      && l.contains("io.khorosjdbc.")
                                      && !l.contains("io.khorosjdbc.driver.correctness.oracle."))
                          .map(l -> f.getFileName() + ": " + l);
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    assertEquals(List.of(), offending);
  }
}
