package dev.saaskit.testkit;

import java.net.URI;
import java.util.List;
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

  private MotoSecrets(MotoServer moto, SecretsManagerClient client) {
    this.moto = moto;
    this.client = client;
  }

  public static MotoSecrets start() {
    MotoServer moto = MotoServer.start();
    System.setProperty("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.endpoint());
    System.setProperty("AWS_REGION", "us-east-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    return new MotoSecrets(moto, SecretsManagerClient.builder().endpointOverride(URI.create(moto.endpoint())).region(Region.US_EAST_1).build());
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
    SETTINGS.forEach(System::clearProperty);
  }
}
