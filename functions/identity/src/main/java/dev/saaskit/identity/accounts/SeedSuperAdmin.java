package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.organizations.Organizations;
import dev.saaskit.shared.audit.AuditEntry;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.runtime.DirectHandler;
import dev.saaskit.shared.runtime.Platform;
import dev.saaskit.shared.validation.Violations;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code seed-super-admin} function, invoked directly by an operator after a deployment (and by
 * the local emulator at start): makes the account with {@code email} a super_admin, creating it
 * (email verified) when there is none. Without a {@code password} a new account gets a generated
 * one, returned once; an existing account keeps its own. Access tokens are always scoped to an
 * organization, so the administrator is also the org_admin of the "Platform" organization (slug
 * {@code platform}), created on first use. Running it again changes nothing but what it is given.
 */
public final class SeedSuperAdmin implements DirectHandler<SeedSuperAdmin.Input, SeedSuperAdmin.Result> {

  static final String PLATFORM_SLUG = "platform";

  public record Input(String email, String password) {}

  /** {@code password} only when this run generated it. */
  public record Result(UUID userId, String email, boolean created, String password) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Platform platform;

  public SeedSuperAdmin(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Result invoke(Input input) {
    Violations v = new Violations();
    String email = input.email() == null ? null : Emails.normalize(input.email());
    v.email("email", email);
    if (input.password() != null) {
      Passwords.validate(v, "password", input.password(), email);
    }
    v.throwIfAny();
    try (UnitOfWork work = platform.newWork()) {
      Instant now = platform.clock().instant();
      Accounts accounts = new Accounts(work.db());
      Optional<Accounts.Account> existing = accounts.findByEmail(email);
      String generated = existing.isEmpty() && input.password() == null ? generatePassword() : null;
      String password = input.password() != null ? input.password() : generated;
      UUID user = existing.map(Accounts.Account::id)
          .orElseGet(() -> accounts.insert(email, Passwords.hash(password), "Platform Admin", true, now).orElseThrow());
      accounts.grantSuperAdmin(user, existing.isPresent() && password != null ? Passwords.hash(password) : null, now);
      Organizations organizations = new Organizations(work.db());
      Organization home = organizations.findBySlug(PLATFORM_SLUG)
          .orElseGet(() -> organizations.create("Platform", PLATFORM_SLUG, now));
      Members members = new Members(work.db());
      if (members.find(home.id(), user).isEmpty()) {
        members.add(home.id(), user, Role.ORG_ADMIN, now);
      }
      work.audit(new AuditEntry(home.id(), null, null, IdentityAction.USER_SUPER_ADMIN_SEEDED.code(), "user", user.toString(), null, null, null,
          Map.of("email", email, "created", existing.isEmpty())));
      work.commit();
      return new Result(user, email, existing.isEmpty(), generated);
    }
  }

  private static String generatePassword() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
