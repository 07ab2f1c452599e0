package dev.saaskit.shared.db;

import dev.saaskit.shared.config.Secrets;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.json.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The user name and password Postgres is reached with: {@code DATABASE_USER} and {@code
 * DATABASE_PASSWORD}, or, when {@code DATABASE_SECRET_ARN} is set (the deployment sets it), the
 * secret it names in Secrets Manager, a JSON object with {@code username} and {@code password} as
 * RDS writes it. {@code DATABASE_USER}, when set, wins over the secret's user name.
 */
public record DatabaseCredentials(String user, String password) {

  public static DatabaseCredentials fromSettings() {
    String user = Settings.find("DATABASE_USER").orElse(null);
    Optional<String> secretArn = Settings.find("DATABASE_SECRET_ARN");
    if (secretArn.isEmpty()) {
      return new DatabaseCredentials(user, Settings.find("DATABASE_PASSWORD").orElse(null));
    }
    JsonNode secret = readSecret(secretArn.get());
    return new DatabaseCredentials(
        user != null ? user : member(secret, "username"), member(secret, "password"));
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
