package dev.saaskit.shared.log;

import dev.saaskit.shared.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON log lines on standard output, which Lambda ships to CloudWatch. Only what is passed in
 * explicitly is written: never bodies, tokens, passwords or headers.
 */
public final class Log {

  private static volatile PrintStream out = System.out;

  private Log() {}

  public static void info(String event, Map<String, ?> fields) {
    write("info", event, fields, null);
  }

  public static void warn(String event, Throwable error) {
    write("warn", event, Map.of(), error);
  }

  public static void error(String event, Map<String, ?> fields, Throwable error) {
    write("error", event, fields, error);
  }

  /** Writes a prepared line of JSON as it is: the invocation record with its embedded metrics. */
  public static void line(String json) {
    out.println(json);
  }

  /** Redirects log output; the local emulator and tests use it to keep output readable. */
  public static void redirect(PrintStream stream) {
    out = stream;
  }

  private static void write(String level, String event, Map<String, ?> fields, Throwable error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("event", event);
    line.putAll(fields);
    if (error != null) {
      line.put("error", describe(error));
    }
    out.println(Json.write(line));
  }

  /** Exception classes and messages down the cause chain, without stack frames or bound values. */
  public static String describe(Throwable error) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = error; t != null && b.length() < 2000; t = t.getCause()) {
      if (!b.isEmpty()) {
        b.append(" <- ");
      }
      b.append(t.getClass().getName());
      if (t.getMessage() != null) {
        b.append(": ").append(t.getMessage().lines().findFirst().orElse(""));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return b.toString();
  }
}
