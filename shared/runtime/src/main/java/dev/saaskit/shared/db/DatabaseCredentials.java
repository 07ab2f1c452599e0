package dev.saaskit.shared.db;

import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import tools.jackson.databind.JsonNode;

/**
 * The user name and password Postgres is reached with, one of three ways:
 *
 * <ul>
 *   <li>{@code DATABASE_IAM_AUTH=true} (the deployed functions): {@code DATABASE_USER} and an IAM
 *       authentication token for it, made from the function's own AWS credentials and valid 15
 *       minutes ({@link #expiresAt()}), so no function reads a database password;
 *   <li>{@code DATABASE_SECRET_ARN} (the {@code migrate} function): the secret it names in Secrets
 *       Manager, a JSON object with {@code username} and {@code password} as RDS writes it; {@code
 *       DATABASE_USER}, when set, wins over the secret's user name;
 *   <li>otherwise {@code DATABASE_USER} and {@code DATABASE_PASSWORD} (tests, the emulator).
 * </ul>
 *
 * @param expiresAt when the password stops being accepted for logging in, or null if it does not
 */
public record DatabaseCredentials(String user, String password, Instant expiresAt) {

  /** A token is taken afresh this long before it would expire, so a login never races its end. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  public DatabaseCredentials(String user, String password) {
    this(user, password, null);
  }

  public static DatabaseCredentials fromSettings() {
    return fromSettings(Clock.systemUTC());
  }

  static DatabaseCredentials fromSettings(Clock clock) {
    String user = Settings.find("DATABASE_USER").orElse(null);
    if (Settings.getBoolean("DATABASE_IAM_AUTH", false)) {
      return iamToken(user, clock);
    }
    Optional<String> secretArn = Settings.find("DATABASE_SECRET_ARN");
    if (secretArn.isEmpty()) {
      return new DatabaseCredentials(user, Settings.find("DATABASE_PASSWORD").orElse(null));
    }
    JsonNode secret = readSecret(secretArn.get());
    return new DatabaseCredentials(
        user != null ? user : member(secret, "username"), member(secret, "password"));
  }

  /** Whether these credentials should be replaced before the next login. */
  boolean dueForRenewal(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt.minus(RENEW_BEFORE_EXPIRY));
  }

  private static DatabaseCredentials iamToken(String user, Clock clock) {
    if (user == null) {
      throw new IllegalStateException("DATABASE_IAM_AUTH needs DATABASE_USER, the database user the token is for");
    }
    Properties url = org.postgresql.Driver.parseURL(Settings.require("DATABASE_URL"), new Properties());
    if (url == null) {
      throw new IllegalStateException("DATABASE_URL is not a jdbc:postgresql:// URL");
    }
    String host = url.getProperty("PGHOST").split(",")[0];
    int port = Integer.parseInt(url.getProperty("PGPORT", "5432").split(",")[0]);
    String token = IamAuthToken.generate(host, port, user, Settings.require("AWS_REGION"), clock);
    return new DatabaseCredentials(user, token, clock.instant().plus(IamAuthToken.LIFETIME));
  }

  private static JsonNode readSecret(String arn) {
    return Json.tree(Secrets.read(arn, "DATABASE_SECRET_ARN"));
  }

  private static String member(JsonNode secret, String name) {
    JsonNode value = secret.path(name);
    if (!value.isString()) {
      throw new IllegalStateException("the secret DATABASE_SECRET_ARN names has no '" + name + "'");
    }
    return value.asString();
  }

  /** Never the password: a record's own {@code toString} would print it into a log line. */
  @Override
  public String toString() {
    return "DatabaseCredentials[user=" + user + "]";
  }
}
