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
  static final String BCRYPT = "dev.saaskit.benchmarks.lambda.BcryptTiming";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FunctionJvm jvm;
  private final Path logs;

  WarmLatency(FunctionJvm jvm, Path logs) {
    this.jvm = jvm;
    this.logs = logs;
  }

  /**
   * Database round trips per request on the handler's own connection (the first one it opens),
   * counted by a relay in front of the database: the difference between a short and a longer loop,
   * so connecting is not counted.
   */
  double roundTripsPerRequest(Handler handler, List<String> flags, Case c, EventFiles events, String databaseUrl, String label)
      throws IOException, InterruptedException {
    int[] requests = {10, 60};
    int[] roundTrips = new int[2];
    for (int i = 0; i < 2; i++) {
      try (RoundTripCounter counter = new RoundTripCounter(databaseUrl)) {
        run(handler.with("DATABASE_URL", counter.jdbcUrl()), flags, events.of(c, requests[i] + 1), 0, requests[i], c.expect(),
            label + "-" + requests[i]);
        roundTrips[i] = counter.roundTrips().get(0);
      }
    }
    return (roundTrips[1] - roundTrips[0]) / (double) (requests[1] - requests[0]);
  }

  /**
   * The loop's result: per-request percentiles of the handler and of the two database references.
   * Every answer must contain {@code expect}.
   */
  JsonNode run(Handler handler, List<String> flags, Path events, int warmup, int iterations, String expect, String label)
      throws IOException, InterruptedException {
    return result(jvm.command(handler, flags, LOOP, List.of(handler.handlerClass(), events.toString(), handler.functionName(),
        Integer.toString(warmup), Integer.toString(iterations), expect)), label);
  }

  /** One bcrypt check at {@code cost}, timed alone in a JVM with the flags and the artifact of {@code handler}. */
  JsonNode bcrypt(Handler handler, List<String> flags, int cost, int warmup, int iterations, String label)
      throws IOException, InterruptedException {
    return result(jvm.command(handler, flags, BCRYPT,
        List.of(Integer.toString(cost), Integer.toString(warmup), Integer.toString(iterations))), label);
  }

  private JsonNode result(ProcessBuilder builder, String label) throws IOException, InterruptedException {
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
      throw new IllegalStateException(label + ": the run failed (exit " + exit + "):\n" + output + "\nerrors: " + log);
    }
    return JSON.readTree(result);
  }
}
