package dev.saaskit.identity.accounts;

import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.db.Handle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use tokens sent by email ({@code user_tokens}): verification of an address (24 hours),
 * password reset (1 hour), and taking an email change back (7 days, sent to the previous address). Only their SHA-256 is stored; redeeming one locks its row, so a token is
 * used once even when two requests race.
 */
final class EmailTokens {

  enum Purpose {
    VERIFY_EMAIL(Duration.ofHours(24)),
    RESET_PASSWORD(Duration.ofHours(1)),
    /** In the notice to an account's previous address: takes the email change back. */
    REVERT_EMAIL(Duration.ofDays(7));

    final Duration lifetime;

    Purpose(Duration lifetime) {
      this.lifetime = lifetime;
    }

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A token as issued: the secret for the email, and when it stops working. */
  record Issued(String token, Instant expiresAt) {}

  /** A live token being redeemed: whose, and the address it was sent to. */
  record Redeemable(UUID userId, String email) {}

  private final Handle db;

  EmailTokens(Handle db) {
    this.db = db;
  }

  Issued issue(UUID user, Purpose purpose, String email, Instant now) {
    String token = OpaqueTokens.generate();
    Instant expires = now.plus(purpose.lifetime);
    db.createUpdate(
            """
            insert into user_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
            values (:hash, :user, :purpose, :email, :now, :expires)
            """)
        .bind("hash", OpaqueTokens.hash(token))
        .bind("user", user)
        .bind("purpose", purpose.code())
        .bind("email", email)
        .bind("now", now)
        .bind("expires", expires)
        .execute();
    return new Issued(token, expires);
  }

  /**
   * Uses the token: empty when it is malformed, unknown, of another purpose, used, expired, or its
   * account is gone. A reset uses up the account's other reset tokens with it.
   */
  Optional<Redeemable> redeem(String token, Purpose purpose, Instant now) {
    if (!OpaqueTokens.wellFormed(token)) {
      return Optional.empty();
    }
    Optional<Redeemable> found = db.createQuery(
            """
            select t.user_id, t.email from user_tokens t
              join users u on u.id = t.user_id and u.deleted_at is null and u.active
             where t.token_hash = :hash and t.purpose = :purpose and t.used_at is null and t.expires_at > cast(:now as timestamptz)
               for update of t
            """)
        .bind("hash", OpaqueTokens.hash(token))
        .bind("purpose", purpose.code())
        .bind("now", now)
        .map(rs -> new Redeemable(rs.getObject("user_id", UUID.class), rs.getString("email")))
        .findOne();
    found.ifPresent(r -> {
      db.createUpdate("update user_tokens set used_at = :now where token_hash = :hash")
          .bind("now", now)
          .bind("hash", OpaqueTokens.hash(token))
          .execute();
      if (purpose == Purpose.RESET_PASSWORD) {
        discard(r.userId(), purpose, null, now);
      }
    });
    return found;
  }

  /**
   * Uses up the account's live tokens of {@code purpose}, except those for {@code keepEmail} (null:
   * all): a verified email change ends every other verification, a new change request the previous
   * one.
   */
  void discard(UUID user, Purpose purpose, String keepEmail, Instant now) {
    db.createUpdate(
            """
            update user_tokens set used_at = :now
             where user_id = :user and purpose = :purpose and used_at is null
               and (cast(:keep as text) is null or email <> :keep)
            """)
        .bind("now", now)
        .bind("user", user)
        .bind("purpose", purpose.code())
        .bind("keep", keepEmail)
        .execute();
  }

  /** The address a live verification token waits to confirm, when it is not the account's current one. */
  Optional<String> pendingEmail(UUID user, String currentEmail, Instant now) {
    return db.createQuery(
            """
            select email from user_tokens
             where user_id = :user and purpose = 'verify_email' and used_at is null
               and expires_at > cast(:now as timestamptz) and email <> :current
             order by created_at desc limit 1
            """)
        .bind("user", user)
        .bind("now", now)
        .bind("current", currentEmail)
        .mapTo(String.class)
        .findOne();
  }
}
