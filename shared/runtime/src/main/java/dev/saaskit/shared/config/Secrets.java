package dev.saaskit.shared.config;

import dev.saaskit.shared.aws.AwsClients;
import dev.saaskit.shared.resilience.Outbound;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret's text from AWS Secrets Manager, and writes one (migrate, the first time it gives a
 * module's database user a password). The client is built for the call and closed after it.
 */
public final class Secrets {

  private Secrets() {}

  /** The secret string of {@code arn}; {@code setting} names the setting that pointed at it, for errors. */
  public static String read(String arn, String setting) {
    try (SecretsManagerClient client = AwsClients.build(SecretsManagerClient.builder(), "AWS_ENDPOINT_URL_SECRETS_MANAGER")) {
      String text = new Outbound().call("secretsmanager", AwsClients::isTransient,
          () -> client.getSecretValue(r -> r.secretId(arn)).secretString());
      if (text == null) {
        throw new IllegalStateException("the secret " + setting + " names holds no text");
      }
      return text;
    }
  }

  /** Stores {@code text} as the secret's current value. */
  public static void write(String arn, String text) {
    try (SecretsManagerClient client = AwsClients.build(SecretsManagerClient.builder(), "AWS_ENDPOINT_URL_SECRETS_MANAGER")) {
      new Outbound().call("secretsmanager", AwsClients::isTransient, () -> client.putSecretValue(r -> r.secretId(arn).secretString(text)));
    }
  }
}
