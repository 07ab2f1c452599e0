package dev.saaskit.identity;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Brute-force and abuse protection, kept in Postgres ({@code login_throttles}) so every container
 * sees the same counts. Attempts count per email and per source IP, each in one statement on the
 * request's connection outside its transaction, before any password is checked or mail queued:
 * concurrent attempts are counted one after another and at most the threshold get a verdict. From
 * the threshold on, within 15 minutes of each other, a subject is locked for a minute, each further
 * counted attempt doubling it up to an hour; a locked subject gets 429 {@code too_many_attempts}
 * with {@code Retry-After} and its attempt counts nothing. A success of a kind that checks a password
 * ends the email's count and takes the IP's attempt back (one valid account must not reset a
 * credential-stuffing source, nor may an office's sign-ins add up to a lock).
 */
public final class Throttle {

  /** What is being attempted, with its thresholds: the email's (or account's) and the IP's, per window. */
  public enum Kind {
    /** Sign-in: wrong passwords. */
    SIGN_IN(5, 20),
    /** Changing the password: wrong current passwords. */
    PASSWORD_CHANGE(5, 20),
    /** Sign-ups, whether or not the address is free. */
    SIGN_UP(3, 20),
    /** Password reset emails asked for, whether or not the address has an account. */
    PASSWORD_RESET(3, 20);

    final int emailThreshold;
    final int ipThreshold;

    Kind(int emailThreshold, int ipThreshold) {
      this.emailThreshold = emailThreshold;
      this.ipThreshold = ipThreshold;
    }

    String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofHours(1);

  private static final String RECORD_ATTEMPT = SqlFiles.load(Throttle.class, "record_attempt");

  private final Handle db;
  private final Kind kind;

  /** @param autocommit the request's connection outside its transaction, so the count holds when the request fails */
  public Throttle(Handle autocommit, Kind kind) {
    this.db = autocommit;
    this.kind = kind;
  }

  /**
   * Counts an attempt for the subject (a normalised email, or an account's id where the caller is
   * signed in) and the IP; 429 while either is locked.
   */
  public void attempt(String email, String ip, Instant now) {
    OffsetDateTime lockedUntil = db.createQuery(RECORD_ATTEMPT)
        .bind("email_subject", emailSubject(email))
        .bind("ip_subject", ipSubject(ip))
        .bind("now", now)
        .bind("window_start", now.minus(WINDOW))
        .bind("email_threshold", kind.emailThreshold)
        .bind("ip_threshold", kind.ipThreshold)
        .bind("first_lock_seconds", (int) FIRST_LOCK.toSeconds())
        .bind("max_lock_seconds", (int) MAX_LOCK.toSeconds())
        .mapTo(OffsetDateTime.class)
        .one();
    if (lockedUntil != null) {
      long seconds = Math.max(1, (Duration.between(now, lockedUntil.toInstant()).toMillis() + 999) / 1000);
      throw new ApiException(ProblemType.RATE_LIMITED, "too many attempts; try again in " + seconds + " seconds")
          .code(IdentityProblem.TOO_MANY_ATTEMPTS)
          .header("retry-after", String.valueOf(seconds));
    }
  }

  /** The attempt succeeded: the email's count ends and the IP's attempt is taken back. */
  public void succeeded(String email, String ip) {
    db.createUpdate(
            """
            with ended as (delete from login_throttles where subject = :email_subject)
            update login_throttles
               set failures = failures - 1,
                   locked_until = case when failures - 1 >= :ip_threshold then locked_until end
             where subject = :ip_subject and failures > 0
            """)
        .bind("email_subject", emailSubject(email))
        .bind("ip_subject", ipSubject(ip))
        .bind("ip_threshold", kind.ipThreshold)
        .execute();
  }

  /** Ends the email's count and lock: its password was just reset through the mailbox. */
  public void forgive(String email) {
    db.createUpdate("delete from login_throttles where subject = :subject").bind("subject", emailSubject(email)).execute();
  }

  private String emailSubject(String normalizedEmail) {
    return kind.prefix() + ":email:" + normalizedEmail;
  }

  private String ipSubject(String ip) {
    return kind.prefix() + ":ip:" + (ip == null ? "unknown" : ip);
  }
}
