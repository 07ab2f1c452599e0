package dev.saaskit.auth;

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
    Users.User user = new Users(call.db()).find(call.caller().user())
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account no longer exists"));
    String pending = new EmailTokens(call.db()).pendingEmail(user.id(), user.email(), call.now()).orElse(null);
    List<SignedIn.Organization> organizations = new Memberships(call.db()).activeOf(user.id()).stream().map(SignedIn.Organization::of).toList();
    return new Profile(user.id(), user.email(), pending, user.emailVerified(), user.fullName(), user.locale(), user.timezone(),
        Users.codes(user.platformRoles()), user.createdAt(), call.caller().organization(), call.caller().orgRole(), organizations);
  }
}
