package dev.saaskit.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.saaskit.migrations.Migrator;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.runtime.DirectHandler;

/**
 * The {@code migrate} function: applies pending migrations to {@code MIGRATION_DATABASE_URL} (a
 * direct connection, not the pooling proxy) or else {@code DATABASE_URL}. The deployment invokes
 * it on every deploy; running it twice is harmless.
 */
public final class Migrate implements DirectHandler<Migrate.Input, Migrate.Result> {

  /** The invocation's input; its content is not used. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input() {}

  public record Result(int applied, String version) {}

  @Override
  public Result invoke(Input input) {
    String url = Settings.find("MIGRATION_DATABASE_URL").orElseGet(() -> Settings.require("DATABASE_URL"));
    Migrator.Result result = Migrator.migrate(
        url, Settings.find("DATABASE_USER").orElse(null), Settings.find("DATABASE_PASSWORD").orElse(null));
    return new Result(result.applied(), result.version());
  }
}
