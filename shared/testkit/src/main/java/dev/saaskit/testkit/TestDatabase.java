package dev.saaskit.testkit;

import dev.saaskit.migrations.Migrator;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Handle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The tests' PostgreSQL: embedded (zonky) by default, or {@code TEST_DATABASE_URL} when set (CI
 * runs a second pass through PgBouncer in transaction pooling mode that way). Migrated once per
 * JVM through {@code TEST_MIGRATION_DATABASE_URL} when given (a direct connection), else the same
 * URL. The functions under test find it through {@code DATABASE_URL}.
 */
public final class TestDatabase {

  private static TestDatabase instance;

  private final String url;
  private final String user;
  private final String password;
  private final Jdbi jdbi;

  private TestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("prepareThreshold", "0");
    org.postgresql.Driver driver = new org.postgresql.Driver();
    this.jdbi = Jdbi.create(() -> driver.connect(url, properties)).installPlugin(new PostgresPlugin());
  }

  public static synchronized TestDatabase get() {
    if (instance == null) {
      String external = Settings.find("TEST_DATABASE_URL").orElse(null);
      TestDatabase db;
      if (external != null) {
        db = new TestDatabase(external, Settings.get("TEST_DATABASE_USER", "postgres"), Settings.get("TEST_DATABASE_PASSWORD", null));
        String migrationUrl = Settings.get("TEST_MIGRATION_DATABASE_URL", external);
        Migrator.migrate(migrationUrl, db.user, db.password);
      } else {
        EmbeddedPostgres postgres = start();
        db = new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
        Migrator.migrate(db.url, db.user, db.password);
      }
      System.setProperty("DATABASE_URL", db.url);
      System.setProperty("DATABASE_USER", db.user);
      if (db.password != null) {
        System.setProperty("DATABASE_PASSWORD", db.password);
      }
      instance = db;
    }
    return instance;
  }

  /** A JDBI of its own connections, for seeding data and checking what a function wrote. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Runs {@code work} on a handle of the functions' own data access, on a connection of its own:
   * for calling a domain's data-access code directly.
   */
  public <R> R withHandle(Function<Handle, R> work) {
    Database database = new Database(url, user, password, "tests");
    try (Handle h = database.open()) {
      return work.apply(h);
    } finally {
      database.discardConnection();
    }
  }

  /** The rows of a query with positional arguments, each column by name: what a function wrote. */
  public static List<Map<String, Object>> rows(String sql, Object... args) {
    return get().jdbi().withHandle(h -> {
      var query = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        query.bind(i, args[i]);
      }
      return query.mapToMap().list();
    });
  }

  /** Runs a statement with positional arguments: a test's setup, or a fault it plants. */
  public static void execute(String sql, Object... args) {
    get().jdbi().useHandle(h -> h.execute(sql, args));
  }

  public String url() {
    return url;
  }

  private static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // The JVM is exiting; the data directory is temporary.
        }
      }));
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }
}
