package dev.saaskit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The port a server process announces on its output, which is copied to a log as it comes. */
final class ListeningPort {

  private ListeningPort() {}

  /**
   * Waits up to {@code seconds} for a line of {@code output} matching {@code announcement}, whose
   * first group is the port; every line goes to {@code log}, also after the announcement.
   */
  static int await(InputStream output, Path log, Pattern announcement, int seconds, String server) throws IOException {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true);
    Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8)); out) {
        String line;
        while ((line = in.readLine()) != null) {
          out.println(line);
          Matcher m = announcement.matcher(line);
          if (!port.isDone() && m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException(server + " exited; see " + log));
    });
    try {
      return port.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(server + " did not start; see " + log, e);
    }
  }
}
