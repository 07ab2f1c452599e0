package dev.saaskit.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures a reliability test measured, written to {@code target/reliability/<guarantee>.properties}, which
 * {@code reliability/run} turns into docs/reliability.md. Tests never assert on timings; the figures record them.
 */
final class Figures {

  private Figures() {}

  static void write(String guarantee, Map<String, ?> figures) {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "reliability");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(guarantee + ".properties"), new TreeMap<>(figures).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
