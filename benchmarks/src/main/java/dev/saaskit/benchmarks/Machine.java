package dev.saaskit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on. */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe(Path java) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu_model", cpuModel());
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("memory_mb", memTotalKb() / 1024);
    m.put("kernel", read("/proc/sys/kernel/osrelease").trim());
    m.put("java", java.toString());
    m.put("java_version", javaVersion(java));
    m.put("load_average_at_start", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
  static String loadAverage() {
    String[] f = read("/proc/loadavg").trim().split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static long memTotalKb() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.substring(9).replace("kB", "").trim());
      }
    }
    return 0;
  }

  private static String javaVersion(Path java) {
    try {
      Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      String[] lines = out.split("\n");
      return lines.length > 1 ? lines[1].trim() : lines[0].trim();
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
