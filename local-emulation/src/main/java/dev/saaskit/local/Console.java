package dev.saaskit.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The emulator's own lines on standard output, short and for people (the functions write their JSON
 * invocation records to the same stream).
 */
final class Console {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final PrintStream OUT = System.out;

  private Console() {}

  static void line(String text) {
    OUT.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS).format(TIME) + " " + text);
  }

  static String millis(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", (System.nanoTime() - startNanos) / 1_000_000.0);
  }
}
