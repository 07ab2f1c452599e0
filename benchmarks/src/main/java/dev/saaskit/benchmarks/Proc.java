package dev.saaskit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and memory as Linux accounts them, from {@code /proc/<pid>}. */
final class Proc {

  /** Clock ticks per second of the CPU times in /proc (USER_HZ): 100 on Linux. */
  static final double TICKS_PER_SECOND = 100.0;

  private Proc() {}

  /** User plus system CPU of the whole process (every thread, living or finished), in clock ticks. */
  static long cpuTicks(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Peak resident set size so far (VmHWM), in MB. */
  static double peakRssMb(long pid) {
    return statusKb(pid, "VmHWM:") / 1024.0;
  }

  private static long statusKb(long pid, String field) {
    for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
