package dev.saaskit.shared.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager for tests: moto's server on a loopback port, with the settings that point our
 * code at it. Tests using it are skipped where moto is not installed.
 */
public final class MotoSecrets implements AutoCloseable {

  public static final List<String> SETTINGS =
      List.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_REGION", "aws.accessKeyId", "aws.secretAccessKey");

  private final Process moto;
  private final SecretsManagerClient client;

  private MotoSecrets(Process moto, SecretsManagerClient client) {
    this.moto = moto;
    this.client = client;
  }

  public static MotoSecrets start() throws Exception {
    Assumptions.assumeTrue(motoInstalled(), "moto is not installed (pip install 'moto[server]'): skipping the Secrets Manager tests");
    int port = freePort();
    Process moto = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitPort(port);
    String endpoint = "http://127.0.0.1:" + port;
    System.setProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint);
    System.setProperty("AWS_REGION", "us-east-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    return new MotoSecrets(moto, SecretsManagerClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).build());
  }

  public SecretsManagerClient client() {
    return client;
  }

  /** Creates a secret holding {@code text}; returns its ARN. */
  public String create(String text) {
    return client.createSecret(r -> r.name("test-" + System.nanoTime()).secretString(text)).arn();
  }

  @Override
  public void close() {
    client.close();
    moto.destroy();
    SETTINGS.forEach(System::clearProperty);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean motoInstalled() throws InterruptedException {
    try {
      return new ProcessBuilder("python3", "-c", "import moto.server").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 300; attempt++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("moto did not start on port " + port);
  }
}
