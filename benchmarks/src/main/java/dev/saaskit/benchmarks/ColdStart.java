package dev.saaskit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold starts: a fresh JVM per run that loads the handler as the Lambda runtime does and serves one
 * event ({@code LambdaLauncher}). Measured from outside at the moment the response is out: CPU
 * (user + system of every thread since the process began), wall time since the driver started the
 * process, and peak RSS.
 */
final class ColdStart {

  static final String LAUNCHER = "dev.saaskit.benchmarks.lambda.LambdaLauncher";
  private static final long TIMEOUT_SECONDS = 180;

  /**
   * One run. CPU is split by phase with the launcher's own readings: JVM start until {@code main},
   * the init phase (handler construction) and the first invoke.
   */
  record Run(double cpuS, double wallMs, double peakRssMb,
             double bootMs, double initMs, double invokeMs,
             double bootCpuS, double initCpuS, double invokeCpuS) {}

  private final FunctionJvm jvm;
  private final Path logs;

  ColdStart(FunctionJvm jvm, Path logs) {
    this.jvm = jvm;
    this.logs = logs;
  }

  /** One run serving {@code event}, whose answer must contain {@code expect}. */
  Run run(Handler handler, List<String> flags, Path event, String expect, String label) throws IOException, InterruptedException {
    return launch(handler, flags, event, expect, label);
  }

  /** Serves one event with the training flags, then lets the JVM exit so it writes its cache. */
  void train(Handler handler, JvmOptions options, Path cacheFile, Path event, String expect, String label)
      throws IOException, InterruptedException {
    Files.deleteIfExists(cacheFile);
    launch(handler, options.trainingFlags(cacheFile), event, expect, label);
    if (!Files.isRegularFile(cacheFile)) {
      throw new IllegalStateException("the training run wrote no " + cacheFile + "; see " + logs.resolve(label + ".log"));
    }
  }

  private Run launch(Handler handler, List<String> flags, Path event, String expect, String label)
      throws IOException, InterruptedException {
    ProcessBuilder builder = jvm.command(handler, flags, LAUNCHER,
        List.of(handler.handlerClass(), event.toString(), handler.functionName()));
    Path log = logs.resolve(label + ".log");
    builder.redirectError(log.toFile());
    long startNanos = System.nanoTime();
    Process process = builder.start();
    Thread.ofVirtual().start(() -> {
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    });
    StringBuilder output = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("RESPONSE ")) {
          long responseNanos = System.nanoTime();
          long ticks = Proc.cpuTicks(process.pid());
          double rss = Proc.peakRssMb(process.pid());
          process.getOutputStream().close();
          String[] f = line.split(" ", 8);
          String response = f[7];
          if (!response.contains(expect)) {
            throw new IllegalStateException(label + ": the function's answer lacks " + expect + ": " + response);
          }
          drain(out);
          if (process.waitFor() != 0) {
            throw new IllegalStateException(label + ": the JVM exited with " + process.exitValue() + "; see " + log);
          }
          long mainNanos = Long.parseLong(f[1]);
          long initNanos = Long.parseLong(f[2]);
          long invokeNanos = Long.parseLong(f[3]);
          long mainTicks = Long.parseLong(f[4]);
          long initTicks = Long.parseLong(f[5]);
          long invokeTicks = Long.parseLong(f[6]);
          return new Run(
              ticks / Proc.TICKS_PER_SECOND, (responseNanos - startNanos) / 1e6, rss,
              (mainNanos - startNanos) / 1e6, (initNanos - mainNanos) / 1e6, (invokeNanos - initNanos) / 1e6,
              mainTicks / Proc.TICKS_PER_SECOND, (initTicks - mainTicks) / Proc.TICKS_PER_SECOND,
              (invokeTicks - initTicks) / Proc.TICKS_PER_SECOND);
        }
        if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
    }
    process.waitFor();
    throw new IllegalStateException(label + ": no response (exit " + process.exitValue() + "); output:\n" + output
        + "\nerrors: " + log);
  }

  private static void drain(BufferedReader out) throws IOException {
    while (out.readLine() != null) {
      // The JVM's last words (for a training run, the cache being written) are not measured.
    }
  }
}
