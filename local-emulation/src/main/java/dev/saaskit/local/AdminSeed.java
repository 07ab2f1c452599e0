package dev.saaskit.local;

import dev.saaskit.shared.identity.Emails;
import dev.saaskit.shared.identity.Passwords;
import dev.saaskit.shared.db.Ids;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's first user: a {@code super_admin} with the email and password from
 * {@code SEED_ADMIN_EMAIL} / {@code SEED_ADMIN_PASSWORD}, or a generated password shown once, when
 * the user is created. A password given in the settings is applied on every start, so the settings
 * stay the truth. Access tokens are always scoped to an organization, so the admin is also the
 * org_admin of a "Platform" organization, which its sign-in lands in.
 */
final class AdminSeed {

  static final String DEFAULT_EMAIL = "admin@saaskit.local";

  /** What the seed did; {@code password} is set only when this start chose or applied it. */
  record Result(String email, String password, boolean created) {}

  private AdminSeed() {}

  static Result ensure(Jdbi jdbi, Optional<String> emailSetting, Optional<String> passwordSetting) {
    String email = Emails.normalize(emailSetting.orElse(DEFAULT_EMAIL));
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new StartupException("SEED_ADMIN_EMAIL '" + email + "' is not an email address");
    }
    passwordSetting.ifPresent(p -> {
      if (p.length() < 10) {
        throw new StartupException("SEED_ADMIN_PASSWORD must be at least 10 characters, the platform's password rule");
      }
    });
    return jdbi.inTransaction(h -> {
      Optional<UUID> existing = h.createQuery("select id from users where email = :email and deleted_at is null")
          .bind("email", email).mapTo(UUID.class).findOne();
      if (existing.isPresent()) {
        if (passwordSetting.isPresent()) {
          h.createUpdate("update users set password_hash = :hash, platform_roles = array['super_admin'], active = true, updated_at = now() "
                  + "where id = :id")
              .bind("hash", Passwords.hash(passwordSetting.get())).bind("id", existing.get()).execute();
        }
        return new Result(email, passwordSetting.orElse(null), false);
      }
      String password = passwordSetting.orElseGet(AdminSeed::generatePassword);
      UUID user = Ids.newId();
      h.createUpdate("insert into users (id, email, email_verified_at, password_hash, full_name, platform_roles) "
              + "values (:id, :email, now(), :hash, 'Platform Admin', array['super_admin'])")
          .bind("id", user).bind("email", email).bind("hash", Passwords.hash(password)).execute();
      UUID organization = h.createQuery("select id from organizations where slug = 'platform'").mapTo(UUID.class).findOne()
          .orElseGet(() -> {
            UUID id = Ids.newId();
            h.createUpdate("insert into organizations (id, name, slug) values (:id, 'Platform', 'platform')").bind("id", id).execute();
            return id;
          });
      h.createUpdate("insert into organization_members (organization_id, user_id, role) values (:org, :user, 'org_admin')")
          .bind("org", organization).bind("user", user).execute();
      return new Result(email, password, true);
    });
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
