package dev.saaskit.shared.config;

import dev.saaskit.shared.outbox.SqsQueueSender;
import dev.saaskit.shared.resilience.Outbound;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads a secret's text from AWS Secrets Manager. Callers read each secret once per container (at
 * first use) and keep it; the client is built for the read and closed after it.
 */
public final class Secrets {

  private Secrets() {}

  /** The secret string of {@code arn}; {@code setting} names the setting that pointed at it, for errors. */
  public static String read(String arn, String setting) {
    try (SecretsManagerClient client = client()) {
      String text = new Outbound().call("secretsmanager", SqsQueueSender::isTransient,
          () -> client.getSecretValue(r -> r.secretId(arn)).secretString());
      if (text == null) {
        throw new IllegalStateException("the secret " + setting + " names holds no text");
      }
      return text;
    }
  }

  /**
   * A Secrets Manager client configured from the standard settings ({@code
   * AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL}); our own retry policy replaces
   * the SDK's.
   */
  private static SecretsManagerClient client() {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build())
            .region(Region.of(Settings.get("AWS_REGION", "us-east-1")))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    Settings.find("AWS_ENDPOINT_URL_SECRETS_MANAGER").or(() -> Settings.find("AWS_ENDPOINT_URL"))
        .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    return builder.build();
  }
}
