package dev.saaskit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto's server ({@code python3 -m moto.server}) on a loopback port it chose: SQS, S3, Secrets Manager
 * and the rest of the AWS API for tests of the external-AWS path. Where moto is missing the test is
 * skipped, or fails under {@code CI=true} ({@link RequiredTool}).
 */
public final class MotoServer implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MotoServer start() {
    RequiredTool.require(RequiredTool.succeeds("python3", "-c", "import moto.server"), "moto", "pip install 'moto[server]'");
    try {
      // Port 0: moto binds a free port itself and prints it, so no other socket can take it first.
      Path output = Files.createTempFile("moto-server", ".log");
      output.toFile().deleteOnExit();
      Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "0")
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new MotoServer(process, awaitPort(process, output));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start moto's server", e);
    }
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a bucket in this server's S3; answers the settings that point a function's storage at it. */
  public Map<String, String> s3Bucket(String bucket) {
    try (S3Client s3 = TestStorage.clientOf(endpoint())) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    return Map.of("AWS_ENDPOINT_URL_S3", endpoint(), "STORAGE_BUCKET", bucket);
  }

  @Override
  public void close() {
    process.destroy();
  }

  /** The port of moto's "Running on http://127.0.0.1:PORT" line, printed once it listens. */
  private static int awaitPort(Process process, Path output) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      Matcher listening = LISTENING.matcher(Files.readString(output));
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
        throw new IllegalStateException(e);
      }
    }
    String outcome = process.isAlive() ? "moto did not report its port within 30 s: " : "moto exited before it listened: ";
    process.destroy();
    throw new IllegalStateException(outcome + Files.readString(output).strip());
  }

  /** A loopback port nothing listens on (bound and released). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
