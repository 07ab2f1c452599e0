package dev.saaskit.auth;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.identity.Sessions;

/** Starts a session for an account in one of its organizations: the last step of every sign-in. */
final class SignIn {

  private SignIn() {}

  static SignedIn start(Sessions sessions, Call<?> call, Users.User user, Memberships.Membership membership) {
    Sessions.TokenPair tokens = sessions.start(call.db(),
        new Sessions.Grant(user.id(), membership.organizationId(), membership.role(), user.platformRoles()),
        call.request().sourceIp(), call.request().userAgent(), call.now());
    return SignedIn.of(tokens, user, membership);
  }
}
