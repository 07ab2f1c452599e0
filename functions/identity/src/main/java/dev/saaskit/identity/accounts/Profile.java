package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.members.Members;
import dev.saaskit.identity.organizations.Organization;
import dev.saaskit.identity.sessions.SignedIn;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in account as {@code GET} and {@code PUT /api/v1/me} answer it: the profile, an email
 * change waiting for verification, the organization the token is scoped to and every organization
 * the account may switch to.
 */
public record Profile(
    UUID id,
    String email,
    String pendingEmail,
    boolean emailVerified,
    String fullName,
    String locale,
    String timezone,
    List<String> platformRoles,
    Instant createdAt,
    UUID organizationId,
    Role role,
    List<SignedIn.Organization> organizations) {

  static Profile load(Call<?> call) {
    Accounts.Account user = new Accounts(call.db()).find(call.caller().user())
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account no longer exists").code(IdentityProblem.ACCOUNT_INACTIVE));
    String pending = new EmailTokens(call.db()).pendingEmail(user.id(), user.email(), call.now()).orElse(null);
    List<SignedIn.Organization> organizations = new Members(call.db()).activeMemberships(user.id()).stream().map(SignedIn.Organization::of).toList();
    return new Profile(user.id(), user.email(), pending, user.emailVerified(), user.fullName(), user.locale(), user.timezone(),
        Accounts.codes(user.platformRoles()), user.createdAt(), call.caller().organization(), call.caller().orgRole(), organizations);
  }
}
