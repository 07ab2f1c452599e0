package dev.saaskit.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Throughput with {@code wrk} at a fixed concurrency against an HTTP server on this machine:
 * {@code StandInServer}, which serves one function in a JVM of its own (so its CPU and peak RSS are
 * that function's, ours or the baseline's); the local emulator, every function behind its gateway in
 * one JVM; or any running server whose base URL is given.
 */
final class Throughput {

  static final String STAND_IN = "dev.saaskit.benchmarks.lambda.StandInServer";
  private static final Pattern LISTENING = Pattern.compile("^LISTENING (\\d+)");

  /**
   * Bodies prepared per second of load for a case that needs one per request: more than any
   * function here serves one at a time. A run that gets through them fails rather than reuse one.
   */
  static final int SUPPLY_PER_SECOND = 2_000;

  /** wrk threads and connections, the discarded warm-up, the measured run, and the stand-in's workers. */
  record Load(int wrkThreads, int connections, int warmupSeconds, int seconds, int serverThreads) {}

  /** One measured run; the server's CPU per request and peak RSS are unknown (null) for a server given by URL. */
  record Result(String caseName, String side, String server, WrkOutput wrk, Double serverCpuMsPerRequest, Double serverPeakRssMb) {}

  private final FunctionJvm jvm;
  private final Path work;
  private final Load load;

  Throughput(FunctionJvm jvm, Path work, Load load) {
    this.jvm = jvm;
    this.work = work;
    this.load = load;
  }

  static boolean wrkInstalled() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  Result against(String baseUrl, Case c) throws IOException, InterruptedException {
    String url = baseUrl.replaceAll("/+$", "") + c.path();
    wrk(c, url, load.warmupSeconds());
    return new Result(c.name(), "server", baseUrl, wrk(c, url, load.seconds()), null, null);
  }

  Result standIn(Case c, Handler handler, List<String> flags, String label) throws IOException, InterruptedException {
    ProcessBuilder builder = jvm.command(handler, flags, STAND_IN,
        List.of(handler.handlerClass(), handler.functionName(), handler.routeKey(), "0", Integer.toString(load.serverThreads())));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process server = builder.start();
    try {
      int port = ListeningPort.await(server.getErrorStream(), work.resolve("logs").resolve(label + ".log"), LISTENING, 120,
          "the stand-in server");
      return measured(c, handler.side(), "stand-in", "http://127.0.0.1:" + port, server.pid());
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** Every function of the catalog behind the local emulator's gateway, in the emulator's one JVM. */
  Result emulator(EmulatorServer emulator, Case c) throws IOException, InterruptedException {
    return measured(c, "emulator", "local emulator", emulator.baseUrl(), emulator.pid());
  }

  /** A warm-up, then the measured run, with the server process's CPU over the measured run and its peak RSS. */
  private Result measured(Case c, String side, String server, String baseUrl, long pid) throws IOException, InterruptedException {
    String url = baseUrl + c.path();
    wrk(c, url, load.warmupSeconds());
    long before = Proc.cpuTicks(pid);
    WrkOutput measured = wrk(c, url, load.seconds());
    long after = Proc.cpuTicks(pid);
    double cpuMsPerRequest = measured.requests() == 0 ? Double.NaN
        : (after - before) * 1000.0 / Proc.TICKS_PER_SECOND / measured.requests();
    return new Result(c.name(), side, server, measured, cpuMsPerRequest, Proc.peakRssMb(pid));
  }

  private WrkOutput wrk(Case c, String url, int seconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(load.wrkThreads()),
        "-c", Integer.toString(load.connections()), "-d", seconds + "s", "--latency"));
    for (Map.Entry<String, String> h : c.headers().entrySet()) {
      command.add("-H");
      command.add(h.getKey() + ": " + h.getValue());
    }
    int supply = c.bodies() == null ? 0 : seconds * SUPPLY_PER_SECOND;
    if (!"GET".equals(c.method()) || c.body() != null) {
      Path script = work.resolve(c.name() + ".lua");
      try (PrintWriter lua = new PrintWriter(Files.newBufferedWriter(script))) {
        lua.println("wrk.method = \"" + c.method() + "\"");
        if (supply > 0) {
          // One body per request, in turn (wrk calls request() for each).
          lua.println("bodies = {");
          for (String body : c.bodies().apply(supply)) {
            lua.println("  [==[" + body + "]==],");
          }
          lua.println("}");
          lua.println("sent = 0");
          lua.println("request = function()");
          lua.println("  sent = sent + 1");
          lua.println("  return wrk.format(nil, nil, nil, bodies[(sent - 1) % #bodies + 1])");
          lua.println("end");
        } else if (c.body() != null) {
          lua.println("wrk.body = [==[" + c.body() + "]==]");
        }
      }
      command.add("-s");
      command.add(script.toString());
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + report);
    }
    WrkOutput output = WrkOutput.parse(report);
    if (supply > 0 && output.requests() > supply) {
      throw new IllegalStateException(c.name() + ": wrk sent " + output.requests() + " requests but only " + supply
          + " bodies were prepared; raise Throughput.SUPPLY_PER_SECOND");
    }
    return output;
  }
}
