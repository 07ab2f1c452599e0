package dev.saaskit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The event files function JVMs read, one event per line. A case whose requests may repeat has one
 * file of one event; a case that needs a body of its own per request (a refresh token is used up)
 * gets a new file, with a fresh supply, for every JVM that serves it.
 */
final class EventFiles {

  private final Path dir;
  private final Map<String, Path> repeatable = new HashMap<>();
  private int supplies;

  EventFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** A file with events for {@code requests} requests of {@code c}. */
  Path of(Case c, int requests) {
    try {
      if (c.bodies() == null) {
        Path file = repeatable.get(c.name());
        if (file == null) {
          file = Files.writeString(dir.resolve(c.name() + ".json"), c.event());
          repeatable.put(c.name(), file);
        }
        return file;
      }
      return Files.write(dir.resolve(c.name() + "-" + ++supplies + ".jsonl"), c.events(requests));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
