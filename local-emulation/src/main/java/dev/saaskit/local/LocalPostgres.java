package dev.saaskit.local;

import dev.saaskit.migrations.Migrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * PostgreSQL for the functions: the server named by {@code DATABASE_URL}, or an embedded one (zonky)
 * whose data directory survives restarts. Migrations are applied on start, a convenience of the
 * emulator only: deployed functions never migrate at a cold start.
 */
final class LocalPostgres implements AutoCloseable {

  /** Long enough for a first start that runs initdb on a slow disk. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final String url;
  private final String user;
  private final String password;
  private final String description;
  private final EmbeddedPostgres embedded;

  private LocalPostgres(String url, String user, String password, String description, EmbeddedPostgres embedded) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.description = description;
    this.embedded = embedded;
  }

  /** Connects to {@code DATABASE_URL}, failing within a few seconds when it does not answer. */
  static LocalPostgres external(String url, String user, String password) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new StartupException("DATABASE_URL '" + redact(url) + "' is not a JDBC URL: write it as jdbc:postgresql://host:5432/database");
    }
    LocalPostgres db = new LocalPostgres(url, user, password, "external", null);
    try (Connection c = db.connect()) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new StartupException("cannot connect to DATABASE_URL " + redact(url) + " (" + firstLine(e) + "): start that server, fix the URL, "
          + "DATABASE_USER and DATABASE_PASSWORD, or unset DATABASE_URL to use the embedded PostgreSQL");
    }
    return db;
  }

  /** Starts the embedded server on {@code port} with its data in {@code dataDirectory}, kept across restarts. */
  static LocalPostgres embedded(Path dataDirectory, int port) {
    int bound = Ports.choose(port, "embedded PostgreSQL", "LOCAL_POSTGRES_PORT");
    refuseRunningServer(dataDirectory);
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(bound)
          .setPGStartupWait(STARTUP_WAIT)
          .setServerConfig("max_connections", "300")
          .start();
      String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
      return new LocalPostgres(url, "postgres", null, "embedded, data in " + dataDirectory, postgres);
    } catch (IOException | RuntimeException e) {
      throw new StartupException("embedded PostgreSQL did not start in " + dataDirectory + " (" + firstLine(e)
          + "): if that directory is damaged, delete it to start afresh, or set DATABASE_URL to use another server", e);
    }
  }

  /** Applies the migrations through {@code MIGRATION_DATABASE_URL} when given, else the database's own URL. */
  Migrator.Result migrate(String migrationUrl) {
    try {
      return Migrator.migrate(migrationUrl == null ? url : migrationUrl, user, password);
    } catch (RuntimeException e) {
      throw new StartupException("migrations failed (" + firstLine(e) + "): fix the migration named above, or point DATABASE_URL at a database "
          + "whose schema history matches migrations/", e);
    }
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  String description() {
    return description;
  }

  /** The URL a person pastes into psql or an IDE. */
  String displayUrl() {
    return redact(url) + (user == null || url.contains("user=") ? "" : (url.contains("?") ? "&" : "?") + "user=" + user);
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "10");
    properties.setProperty("socketTimeout", "30");
    properties.setProperty("prepareThreshold", "0");
    Connection c = new org.postgresql.Driver().connect(url, properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL");
    }
    return c;
  }

  /**
   * A server left running by an emulator that was killed holds the data directory; starting a second
   * one on it would fail with a less helpful message.
   */
  private static void refuseRunningServer(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      long pid = Long.parseLong(first);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new StartupException("PostgreSQL (pid " + pid + ") from an earlier run still uses " + dataDirectory
            + ": stop the other emulator, or end that server with 'kill " + pid + "', and start again");
      }
    } catch (IOException | NumberFormatException e) {
      // An unreadable or stale pid file: PostgreSQL itself checks and replaces it.
    }
  }

  static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").trim();
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        System.err.println("embedded PostgreSQL did not stop cleanly: " + firstLine(e));
      }
    }
  }
}
