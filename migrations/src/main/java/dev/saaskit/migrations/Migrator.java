package dev.saaskit.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the SQL migrations under {@code db/migration}. Run by the {@code migrate} function on
 * deploy and by hand from the command line; never at a function's cold start.
 *
 * <p>Flyway serialises concurrent runs with a PostgreSQL advisory lock. It takes the
 * transaction-scoped kind ({@code pg_advisory_xact_lock}), which also holds through a
 * transaction-pooling proxy; a direct connection ({@code MIGRATION_DATABASE_URL}) is still
 * preferred, since DDL runs long.
 *
 * <p>After the SQL migrations, {@link FunctionRoles} gives each module's role the rights {@code
 * ownership.yaml} says.
 */
public final class Migrator {

  private Migrator() {}

  /** What a run did: how many migrations it applied and the schema version it left. */
  public record Result(int applied, String version) {}

  public static Result migrate(String url, String user, String password) {
    Flyway flyway = Flyway.configure()
        .dataSource(MigrationDataSource.of(url, user, password))
        .locations("classpath:db/migration")
        .javaMigrations(new FunctionRoles())
        .load();
    MigrateResult result = flyway.migrate();
    String version = flyway.info().current() == null ? null : flyway.info().current().getVersion().getVersion();
    return new Result(result.migrationsExecuted, version);
  }

  /** The command line: migrates {@code MIGRATION_DATABASE_URL}, else {@code DATABASE_URL}. */
  public static void main(String[] args) {
    String url = setting("MIGRATION_DATABASE_URL", setting("DATABASE_URL", null));
    if (url == null) {
      System.err.println("set DATABASE_URL (a jdbc:postgresql:// URL) or MIGRATION_DATABASE_URL");
      System.exit(2);
    }
    Result result = migrate(url, setting("DATABASE_USER", null), setting("DATABASE_PASSWORD", null));
    System.out.println("applied " + result.applied() + " migration(s); schema version " + result.version());
  }

  /** As the runtime's Settings read them: a JVM system property, or when it is blank, the environment. */
  private static String setting(String name, String fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
