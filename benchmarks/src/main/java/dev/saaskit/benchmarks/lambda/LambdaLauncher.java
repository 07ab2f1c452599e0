package dev.saaskit.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One cold start, done as the Lambda Java runtime does it: the init phase loads the handler class
 * and calls its no-argument constructor (for {@code FunctionInvoker} that builds the Spring context
 * from {@code MAIN_CLASS} and looks up {@code SPRING_CLOUD_FUNCTION_DEFINITION}); the first invoke
 * passes one event to {@code handleRequest}.
 *
 * <p>Arguments: handler class, event file, function name. Prints one line
 * {@code RESPONSE <main-nanos> <init-nanos> <invoke-nanos> <main-ticks> <init-ticks> <invoke-ticks> <response JSON>}
 * (monotonic clock, which the driver shares, and this process's CPU clock ticks at main, after init
 * and after the invoke), then waits for standard input to close, so the driver reads
 * {@code /proc/<pid>} of a process that has just answered and has not yet begun to exit.
 */
public final class LambdaLauncher {

  private LambdaLauncher() {}

  public static void main(String[] args) throws Exception {
    long mainNanos = System.nanoTime();
    long mainTicks = cpuTicks();
    byte[] event;
    try (InputStream in = new FileInputStream(args[1])) {
      event = in.readAllBytes();
    }

    RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    long initNanos = System.nanoTime();
    long initTicks = cpuTicks();

    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), response, new BenchContext(args[2], "cold-start"));
    long invokeNanos = System.nanoTime();
    long invokeTicks = cpuTicks();

    System.out.println("RESPONSE " + mainNanos + " " + initNanos + " " + invokeNanos + " "
        + mainTicks + " " + initTicks + " " + invokeTicks + " " + response.toString(StandardCharsets.UTF_8).replace('\n', ' '));
    System.out.flush();
    while (System.in.read() >= 0) {
      // The driver closes our standard input once it has read /proc.
    }
    System.exit(0);
  }

  /** User plus system CPU of this process in clock ticks, from /proc/self/stat (fields 14 and 15). */
  static long cpuTicks() throws IOException {
    String stat;
    try (InputStream in = new FileInputStream("/proc/self/stat")) {
      stat = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
