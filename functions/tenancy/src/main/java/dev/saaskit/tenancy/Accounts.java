package dev.saaskit.tenancy;

import dev.saaskit.shared.identity.Passwords;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The user accounts tenancy needs: who a signed-in invitee is, whether an invited address has an
 * account, and a new account for an invitee who has none. Emails are {@code Emails.normalize}d and
 * passwords hashed by {@link Passwords}, as the auth domain stores and checks them.
 */
final class Accounts {

  static final int MAX_FULL_NAME = 200;

  private final Handle db;

  Accounts(Handle db) {
    this.db = db;
  }

  /** {@code active}: false for a disabled account, which signs in nowhere; {@code platformRoles} from users.platform_roles. */
  record Account(UUID id, String email, String fullName, boolean active, Set<Role> platformRoles) {}

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

  Optional<Account> find(UUID id) {
    return db.createQuery("select id, email, full_name, active, platform_roles from users where id = :id and deleted_at is null")
        .bind("id", id)
        .map((rs, ctx) -> {
          Set<Role> platformRoles = EnumSet.noneOf(Role.class);
          Rows.texts(rs, "platform_roles").forEach(code -> Role.fromCode(code).ifPresent(platformRoles::add));
          return new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"), rs.getBoolean("active"),
              platformRoles);
        })
        .findOne();
  }

  boolean existsWithEmail(String email) {
    return db.createQuery("select exists (select 1 from users where email = :email and deleted_at is null)")
        .bind("email", email)
        .mapTo(Boolean.class)
        .one();
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
        .bind("hash", Passwords.hash(password))
        .bind("name", fullName)
        .bind("now", now)
        .execute();
    return created == 1 ? Optional.of(new Account(id, email, fullName, true, Set.of())) : Optional.empty();
  }
}
