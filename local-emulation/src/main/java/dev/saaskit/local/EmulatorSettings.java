package dev.saaskit.local;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the emulator is told to do: where each part listens and which external services replace the
 * embedded ones. Read from environment variables or JVM system properties of the same name; a port
 * of 0 means any free port (tests use it).
 */
public record EmulatorSettings(
    int port,
    Path dataDirectory,
    Optional<String> databaseUrl,
    Optional<String> databaseUser,
    Optional<String> databasePassword,
    Optional<String> migrationDatabaseUrl,
    int postgresPort,
    Optional<String> awsEndpoint,
    Optional<String> sqsEndpoint,
    Optional<String> s3Endpoint,
    String region,
    int sqsPort,
    int s3Port,
    int smtpPort,
    String bucket,
    String queueNamePrefix,
    Optional<String> seedAdminEmail,
    Optional<String> seedAdminPassword,
    Optional<String> appUrl,
    Optional<String> stripeApiKey,
    Optional<String> stripeWebhookSecret,
    int stripePort) {

  public static final int DEFAULT_PORT = 3000;
  public static final int DEFAULT_POSTGRES_PORT = 54329;
  public static final int DEFAULT_SQS_PORT = 9324;
  public static final int DEFAULT_S3_PORT = 9325;
  public static final int DEFAULT_SMTP_PORT = 2525;
  public static final String DEFAULT_BUCKET = "saaskit-local";
  public static final int DEFAULT_STRIPE_PORT = 12111;

  /** Reads every setting through {@code lookup} (name to a non-blank value, or empty). */
  public static EmulatorSettings from(Function<String, Optional<String>> lookup) {
    return new EmulatorSettings(
        port(lookup, "PORT", DEFAULT_PORT),
        Path.of(lookup.apply("LOCAL_DATA_DIR").orElse(".local")).toAbsolutePath().normalize(),
        lookup.apply("DATABASE_URL"),
        lookup.apply("DATABASE_USER"),
        lookup.apply("DATABASE_PASSWORD"),
        lookup.apply("MIGRATION_DATABASE_URL"),
        port(lookup, "LOCAL_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
        lookup.apply("AWS_ENDPOINT_URL"),
        lookup.apply("AWS_ENDPOINT_URL_SQS"),
        lookup.apply("AWS_ENDPOINT_URL_S3"),
        lookup.apply("AWS_REGION").orElse("us-east-1"),
        port(lookup, "LOCAL_SQS_PORT", DEFAULT_SQS_PORT),
        port(lookup, "LOCAL_S3_PORT", DEFAULT_S3_PORT),
        port(lookup, "LOCAL_SMTP_PORT", DEFAULT_SMTP_PORT),
        lookup.apply("STORAGE_BUCKET").orElse(DEFAULT_BUCKET),
        lookup.apply("QUEUE_NAME_PREFIX").orElse(""),
        lookup.apply("SEED_ADMIN_EMAIL"),
        lookup.apply("SEED_ADMIN_PASSWORD"),
        lookup.apply("APP_URL"),
        lookup.apply("STRIPE_API_KEY"),
        lookup.apply("STRIPE_WEBHOOK_SECRET"),
        port(lookup, "LOCAL_STRIPE_PORT", DEFAULT_STRIPE_PORT));
  }

  /** True when SQS and S3 are external (LocalStack, moto, AWS) rather than embedded. */
  public boolean externalAws() {
    return awsEndpoint.isPresent() || sqsEndpoint.isPresent() || s3Endpoint.isPresent();
  }

  private static int port(Function<String, Optional<String>> lookup, String name, int fallback) {
    Optional<String> value = lookup.apply(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.get());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the setting's name.
    }
    throw new StartupException(name + " is '" + value.get() + "': set it to a port number from 1 to 65535 (0 = any free port)");
  }
}
