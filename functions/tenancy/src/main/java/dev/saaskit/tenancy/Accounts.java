package dev.saaskit.tenancy;

import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The user accounts tenancy needs: who a signed-in invitee is, whether an invited address has an
 * account, and a new account for an invitee who has none.
 */
final class Accounts {

  static final int MIN_PASSWORD_CHARACTERS = 10;
  /** bcrypt reads 72 bytes; the encoder refuses longer passwords rather than ignore the rest. */
  static final int MAX_PASSWORD_BYTES = 72;
  static final int MAX_FULL_NAME = 200;

  /** Built on first use: a container that never creates an account never pays for it. */
  private static final Lazy<BCryptPasswordEncoder> BCRYPT = new Lazy<>(() -> new BCryptPasswordEncoder(10));

  private final Handle db;

  Accounts(Handle db) {
    this.db = db;
  }

  record Account(UUID id, String email, String fullName) {}

  /** Emails are compared and stored as Unicode NFC in lower case, as users.email holds them. */
  static String normalizeEmail(String email) {
    return Normalizer.normalize(email, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  static boolean email(Violations v, String field, String email) {
    if (!v.email(field, email)) {
      return false;
    }
    if (email.chars().anyMatch(Character::isISOControl)) {
      v.add(field, "must not contain control characters");
      return false;
    }
    return true;
  }

  static void password(Violations v, String field, String password) {
    if (!v.required(field, password)) {
      return;
    }
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARACTERS) {
      v.add(field, "must be at least " + MIN_PASSWORD_CHARACTERS + " characters");
    } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      v.add(field, "must be at most " + MAX_PASSWORD_BYTES + " bytes");
    }
  }

  Optional<Account> find(UUID id) {
    return db.createQuery("select id, email, full_name from users where id = :id and deleted_at is null")
        .bind("id", id)
        .map((rs, ctx) -> new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name")))
        .findOne();
  }

  Optional<Account> findByEmail(String email) {
    return db.createQuery("select id, email, full_name from users where email = :email and deleted_at is null")
        .bind("email", email)
        .map((rs, ctx) -> new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name")))
        .findOne();
  }

  /**
   * Creates an account whose email is verified (the invitee proved the mailbox by holding the
   * token), or returns empty when the email got an account meanwhile.
   */
  Optional<Account> create(UUID id, String email, String fullName, String password, Instant now) {
    int created = db.createUpdate(
            """
            insert into users (id, email, email_verified_at, password_hash, full_name, created_at, updated_at)
            values (:id, :email, :now, :hash, :name, :now, :now)
            on conflict (email) where deleted_at is null do nothing
            """)
        .bind("id", id)
        .bind("email", email)
        .bind("hash", BCRYPT.get().encode(password))
        .bind("name", fullName)
        .bind("now", now)
        .execute();
    return created == 1 ? Optional.of(new Account(id, email, fullName)) : Optional.empty();
  }
}
