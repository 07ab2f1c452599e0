package dev.saaskit.identity.sessions;

import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer of every sign-in (register, login, switching organization): a token pair, the account
 * and the organization the access token is scoped to.
 */
public record SignedIn(
    String accessToken, String refreshToken, String tokenType, long expiresIn, Account user, Organization organization) {

  public static SignedIn of(Sessions.TokenPair tokens, Accounts.Account user, Members.Membership membership) {
    return new SignedIn(tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn(),
        Account.of(user), Organization.of(membership));
  }

  /** An account as its owner sees it. */
  public record Account(
      UUID id, String email, boolean emailVerified, String fullName, String locale, String timezone,
      List<String> platformRoles, Instant createdAt) {

    public static Account of(Accounts.Account u) {
      return new Account(u.id(), u.email(), u.emailVerified(), u.fullName(), u.locale(), u.timezone(),
          Accounts.codes(u.platformRoles()), u.createdAt());
    }
  }

  /** An organization with the member's role in it. */
  public record Organization(UUID id, String name, String slug, String plan, Role role) {

    public static Organization of(Members.Membership m) {
      return new Organization(m.organizationId(), m.name(), m.slug(), m.plan(), m.role());
    }
  }
}
