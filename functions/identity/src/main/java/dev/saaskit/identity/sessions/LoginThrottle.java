package dev.saaskit.identity.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * Brute-force protection for sign-in, kept in Postgres ({@code login_throttles}) so every container
 * sees the same counts. Failures count per email and per source IP; 5 for an email (20 for an IP,
 * which may be a whole office behind one address) that follow each other within 15 minutes lock
 * the subject for a minute, each further failure doubles the lock up to an hour. While locked,
 * attempts are refused with 429 before the password is checked, whether or not the email has an
 * account. A successful sign-in clears the email's count (not the IP's: one valid account must not
 * reset a credential-stuffing source).
 */
public final class LoginThrottle {

  static final int EMAIL_THRESHOLD = 5;
  static final int IP_THRESHOLD = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofHours(1);

  private static final String RECORD_FAILURE = ClasspathSqlLocator.removingComments().locate(LoginThrottle.class, "record_failure");

  private final Handle db;

  public LoginThrottle(Handle db) {
    this.db = db;
  }

  /** How long until the email or the IP may try again, if either is locked. */
  Optional<Duration> lockedFor(String email, String ip, Instant now) {
    return db.createQuery(
            """
            select locked_until from login_throttles
             where subject in (:email, :ip) and locked_until > cast(:now as timestamptz)
             order by locked_until desc limit 1
            """)
        .bind("email", emailSubject(email))
        .bind("ip", ipSubject(ip))
        .bind("now", now)
        .mapTo(OffsetDateTime.class)
        .findOne()
        .map(until -> Duration.between(now, until.toInstant()));
  }

  void recordFailure(String email, String ip, Instant now) {
    db.createUpdate(RECORD_FAILURE)
        .bind("email_subject", emailSubject(email))
        .bind("ip_subject", ipSubject(ip))
        .bind("now", now)
        .bind("window_start", now.minus(WINDOW))
        .bind("email_threshold", EMAIL_THRESHOLD)
        .bind("ip_threshold", IP_THRESHOLD)
        .bind("first_lock_seconds", (int) FIRST_LOCK.toSeconds())
        .bind("max_lock_seconds", (int) MAX_LOCK.toSeconds())
        .execute();
  }

  public void reset(String email) {
    db.createUpdate("delete from login_throttles where subject = :subject").bind("subject", emailSubject(email)).execute();
  }

  static String emailSubject(String normalizedEmail) {
    return "email:" + normalizedEmail;
  }

  static String ipSubject(String ip) {
    return "ip:" + (ip == null ? "unknown" : ip);
  }
}
