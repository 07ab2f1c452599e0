package dev.saaskit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto's server ({@code python3 -m moto.server}) on a free loopback port: SQS, S3, Secrets Manager
 * and the rest of the AWS API for tests of the external-AWS path. Where moto is missing the test is
 * skipped, or fails under {@code CI=true} ({@link RequiredTool}).
 */
public final class MotoServer implements AutoCloseable {

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MotoServer start() {
    RequiredTool.require(RequiredTool.succeeds("python3", "-c", "import moto.server"), "moto", "pip install 'moto[server]'");
    int port = freePort();
    try {
      Process process = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      MotoServer server = new MotoServer(process, port);
      server.awaitListening();
      return server;
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

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    process.destroy();
    throw new IllegalStateException("moto did not listen on port " + port + " within 30 s");
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
