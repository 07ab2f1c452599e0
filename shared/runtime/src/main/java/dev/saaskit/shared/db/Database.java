package dev.saaskit.shared.db;

import dev.saaskit.shared.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One Postgres connection per function container, reused across invocations and re-opened when it
 * breaks. Lambda runs one invocation per container at a time; the lock makes the same hold for the
 * local emulator, which may call a container's function from several threads.
 *
 * <p>Nothing here depends on session state: statements are never server-prepared
 * ({@code prepareThreshold=0}), and logging in sends no statement at all ({@code
 * assumeMinServerVersion}), so the connection may go through RDS Proxy without being pinned, or
 * PgBouncer in transaction pooling mode.
 *
 * <p>Credentials are taken again for a new connection when they are about to expire (an IAM token)
 * and once more when the server refuses them (a rotated password).
 */
public final class Database {

  /** After this long unused, a connection is checked before use; proxies drop idle clients. */
  private static final Duration IDLE_CHECK = Duration.ofSeconds(60);

  private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

  private final String url;
  private final Properties properties;
  private final Supplier<DatabaseCredentials> credentialsSource;
  private DatabaseCredentials credentials;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;
  private long lastUsedNanos;

  public Database(String url, String user, String password, String applicationName) {
    this(url, () -> new DatabaseCredentials(user, password), applicationName);
  }

  /**
   * Credentials come from {@code credentialsSource} at the first connection, and again when they
   * are due for renewal or refused.
   */
  Database(String url, Supplier<DatabaseCredentials> credentialsSource, String applicationName) {
    this.url = url;
    this.credentialsSource = credentialsSource;
    this.properties = new Properties();
    properties.setProperty("prepareThreshold", "0");
    // Without it pgjdbc logs in, then sends SET extra_float_digits and SET application_name: RDS
    // Proxy pins a connection for the rest of its life on any SET. With it both go in the startup
    // packet and no statement follows the login.
    properties.setProperty("assumeMinServerVersion", "13");
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("connectTimeout", Settings.get("DATABASE_CONNECT_TIMEOUT", "5"));
    properties.setProperty("socketTimeout", Settings.get("DATABASE_SOCKET_TIMEOUT", "25"));
    properties.setProperty("tcpKeepAlive", "true");
    // The server's DETAIL line quotes the values a constraint refused ("Key (email)=(...)"): errors
    // are logged, and a log never holds an email, a hash or a token.
    properties.setProperty("logServerErrorDetail", "false");
  }

  /**
   * The database named by {@code DATABASE_URL} (a JDBC URL), with the credentials of {@link
   * DatabaseCredentials#fromSettings()}, taken when the container first connects and again when
   * they expire or are refused.
   */
  public static Database fromSettings(String applicationName) {
    return new Database(Settings.require("DATABASE_URL"), DatabaseCredentials::fromSettings, applicationName);
  }

  /** Loads, without connecting, the statement parser the first statement uses (the driver comes with this class). */
  public void prime() {
    ColonParameterParser.parsed("select :primed");
  }

  /**
   * Opens a handle on this container's connection, holding it exclusively until the handle is
   * closed.
   */
  public Handle open() {
    lock.lock();
    try {
      return new Handle(openConnection(), this::release);
    } catch (RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  private void release() {
    lastUsedNanos = System.nanoTime();
    if (lock.isHeldByCurrentThread()) {
      lock.unlock();
    }
  }

  /** Marks the connection broken so the next {@link #open()} connects afresh. */
  public void discardConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // It is already broken; closing is a courtesy.
      }
    }
  }

  /** The SQLState of the first SQL exception in the cause chain, if any. */
  public static String sqlState(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /** True for a serialization failure or a deadlock: the transaction was rolled back and may run again. */
  public static boolean isTransactionConflict(Throwable t) {
    String state = sqlState(t);
    return "40001".equals(state) || "40P01".equals(state);
  }

  /**
   * True when the server ended a statement at its session's limit: {@code statement_timeout} (57014, also a cancel
   * request) or {@code lock_timeout} (55P03). The transaction is aborted and rolled back; the connection is fine.
   */
  public static boolean timedOut(Throwable t) {
    String state = sqlState(t);
    return "57014".equals(state) || "55P03".equals(state);
  }

  /** True when the failure is that no connection could be opened at all. */
  public static boolean cannotConnect(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabaseUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** SQLState class 28: the server refused the user or its password (invalid_password is 28P01). */
  static boolean isAuthenticationFailure(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("28");
  }

  /** True when the failure means the connection is gone (SQLState class 08, or the server shut it). */
  public static boolean isConnectionFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
          return true;
        }
      }
    }
    return false;
  }

  private Connection openConnection() {
    long now = System.nanoTime();
    boolean idle = now - lastUsedNanos > IDLE_CHECK.toNanos();
    try {
      if (connection != null && (connection.isClosed() || (idle && !connection.isValid(2)))) {
        discardConnection();
      }
    } catch (SQLException e) {
      discardConnection();
    }
    if (connection == null) {
      connection = connect();
    }
    lastUsedNanos = now;
    return connection;
  }

  private Connection connect() {
    if (credentials == null || credentials.dueForRenewal(Instant.now())) {
      useCredentials();
    }
    try {
      return login();
    } catch (SQLException e) {
      if (!isAuthenticationFailure(e)) {
        throw new DatabaseUnavailableException("cannot connect to the database", e);
      }
    }
    // Refused: the secret may have been rotated since it was read, or the token have expired.
    useCredentials();
    try {
      return login();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot connect to the database", e);
    }
  }

  private Connection login() throws SQLException {
    Connection c = DRIVER.connect(url, properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url.replaceAll("password=[^&]*", "password=***"), "08001");
    }
    return c;
  }

  private void useCredentials() {
    try {
      credentials = credentialsSource.get();
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException("cannot read the database credentials", e);
    }
    if (credentials.user() != null) {
      properties.setProperty("user", credentials.user());
    }
    if (credentials.password() != null) {
      properties.setProperty("password", credentials.password());
    }
  }
}
