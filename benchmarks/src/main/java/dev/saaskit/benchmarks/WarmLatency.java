package dev.saaskit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warm latency: {@code InvokeLoop} in a function JVM with the given flags, timing every
 * {@code handleRequest} of one handler instance next to a bare {@code select 1} and the same query
 * in a transaction over a connection of its own.
 */
final class WarmLatency {

  static final String LOOP = "dev.saaskit.benchmarks.lambda.InvokeLoop";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FunctionJvm jvm;
  private final Path logs;

  WarmLatency(FunctionJvm jvm, Path logs) {
    this.jvm = jvm;
    this.logs = logs;
  }

  /** The loop's result: per-request percentiles of the handler and of the two database references. */
  JsonNode run(Handler handler, List<String> flags, Path event, int warmup, int iterations, String label)
      throws IOException, InterruptedException {
    ProcessBuilder builder = jvm.command(handler, flags, LOOP,
        List.of(handler.handlerClass(), event.toString(), handler.functionName(), Integer.toString(warmup), Integer.toString(iterations)));
    Path log = logs.resolve(label + ".log");
    builder.redirectError(log.toFile());
    Process process = builder.start();
    process.getOutputStream().close();
    String result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          result = line.substring(7);
        } else if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(label + ": the invoke loop failed (exit " + exit + "):\n" + output + "\nerrors: " + log);
    }
    return JSON.readTree(result);
  }
}
