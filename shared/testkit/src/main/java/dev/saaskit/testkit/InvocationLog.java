package dev.saaskit.testkit;

import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * The log line a function writes for one invocation (status, caller, {@code db_statements},
 * errors), for tests that check what a request cost or recorded rather than what it answered.
 */
public final class InvocationLog {

  private InvocationLog() {}

  /** Runs {@code invocation} and returns the last invocation record it wrote. */
  public static synchronized JsonNode of(Runnable invocation) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Log.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      invocation.run();
    } finally {
      Log.redirect(System.out);
    }
    JsonNode record = null;
    // Kept aside from standard output, still read for secrets like every other log line.
    dev.saaskit.testkit.logs.LogSecrets.scan(out.toString(StandardCharsets.UTF_8));
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        JsonNode node = Json.tree(line);
        if ("invocation".equals(node.path("event").asString())) {
          record = node;
        }
      }
    }
    if (record == null) {
      throw new AssertionError("the invocation wrote no invocation record: " + out.toString(StandardCharsets.UTF_8));
    }
    return record;
  }
}
