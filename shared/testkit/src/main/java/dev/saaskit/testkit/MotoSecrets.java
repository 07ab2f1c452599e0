package dev.saaskit.testkit;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager for tests: moto's server, with the settings that point our code at it. Tests
 * using it are skipped where moto is not installed, and fail so under {@code CI=true}.
 */
public final class MotoSecrets implements AutoCloseable {

  public static final List<String> SETTINGS =
      List.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_REGION", "aws.accessKeyId", "aws.secretAccessKey");

  private final MotoServer moto;
  private final SecretsManagerClient client;
  private final Map<String, String> previous;

  private MotoSecrets(MotoServer moto, SecretsManagerClient client, Map<String, String> previous) {
    this.moto = moto;
    this.client = client;
    this.previous = previous;
  }

  public static MotoSecrets start() {
    MotoServer moto = MotoServer.start();
    Map<String, String> previous = new HashMap<>();
    SETTINGS.forEach(name -> previous.put(name, System.getProperty(name)));
    System.setProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint());
    System.setProperty("AWS_REGION", "us-east-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    return new MotoSecrets(moto, SecretsManagerClient.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.US_EAST_1).build(),
        previous);
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
    moto.close();
    // Put back what the rest of the JVM's tests set (the queues' credentials, say).
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }
}
