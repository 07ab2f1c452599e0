package dev.saaskit.migrations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes the users the functions log in as, {@code saaskit_<module>_login}, and keeps their passwords
 * equal to their secrets (RDS Proxy logs in to the database with the secret's password). Each user
 * holds the runtime's role and its module's, where ownership.yaml gives the module one. The password
 * is sent as a SCRAM-SHA-256 verifier made here, so no statement log holds it.
 *
 * <p>Each user also carries the {@link #SESSION_LIMITS}: PostgreSQL applies a role's settings when the
 * role logs in, so every server session of a function (RDS Proxy's and PgBouncer's too, which log in as
 * it) starts with them, and no function sends a {@code SET}, which would pin its RDS Proxy connection.
 * They are set on the login users because a role's settings are not inherited by its members.
 */
public final class DatabaseLogins {

  /** A module's user and the password its secret holds. */
  public record Login(String user, String password) {

    @Override
    public String toString() {
      return "Login[user=" + user + "]";
    }
  }

  /**
   * Bounds on every server session of a function. A statement stops before pgjdbc's 25-second socket timeout and
   * API Gateway's 30 seconds, so the server cancels it and the connection survives; a lock is waited for briefly,
   * since whoever holds it longer is itself stuck; a transaction left open by a function that died or froze
   * mid-request (the server may not learn of it for a long time) is ended with its session, releasing its locks,
   * after a minute: longer than any HTTP function lives, and than any one outbound call a consumer makes inside
   * its transaction.
   */
  public static final Map<String, String> SESSION_LIMITS =
      Map.of("statement_timeout", "20s", "lock_timeout", "5s", "idle_in_transaction_session_timeout", "1min");

  private static final Pattern USER = Pattern.compile("saaskit_([a-z0-9_]+)_login");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SCRAM_ITERATIONS = 4096;

  private DatabaseLogins() {}

  /** A password for a user whose secret holds none yet: 40 characters of base64url, 240 random bits. */
  public static String newPassword() {
    byte[] bytes = new byte[30];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Creates each user, or sets its password, and gives it the runtime's role and its module's. */
  public static void apply(String url, String user, String password, List<Login> logins) throws SQLException {
    try (Connection c = MigrationDataSource.of(url, user, password).getConnection()) {
      c.setAutoCommit(false);
      for (Login login : logins) {
        apply(c, login);
      }
      c.commit();
    }
  }

  private static void apply(Connection c, Login login) throws SQLException {
    Matcher name = USER.matcher(login.user());
    if (!name.matches()) {
      throw new IllegalArgumentException("'" + login.user() + "' is not a module's user (saaskit_<module>_login)");
    }
    String verifier = scramVerifier(login.password());
    try (Statement statement = c.createStatement()) {
      statement.execute((exists(c, login.user()) ? "alter role " : "create role ") + login.user() + " with login password '" + verifier + "'");
      for (Map.Entry<String, String> limit : SESSION_LIMITS.entrySet()) {
        statement.execute("alter role " + login.user() + " set " + limit.getKey() + " = '" + limit.getValue() + "'");
      }
      statement.execute("grant " + FunctionRoles.role(Ownership.RUNTIME) + " to " + login.user());
      String moduleRole = "saaskit_" + name.group(1);
      if (exists(c, moduleRole)) {
        statement.execute("grant " + moduleRole + " to " + login.user());
      }
    }
  }

  private static boolean exists(Connection c, String role) throws SQLException {
    try (PreparedStatement query = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
      query.setString(1, role);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677). */
  static String scramVerifier(String password) {
    try {
      byte[] salt = new byte[16];
      RANDOM.nextBytes(salt);
      SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, SCRAM_ITERATIONS, 256)).getEncoded();
      byte[] clientKey = hmac(salted, "Client Key");
      byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
      byte[] serverKey = hmac(salted, "Server Key");
      Base64.Encoder b64 = Base64.getEncoder();
      return "SCRAM-SHA-256$" + SCRAM_ITERATIONS + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
          + b64.encodeToString(serverKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }
}
