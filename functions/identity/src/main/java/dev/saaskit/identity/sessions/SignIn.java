package dev.saaskit.identity.sessions;

import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.identity.members.Members;
import dev.saaskit.shared.http.Call;

/** Starts a session for an account in one of its organizations: the last step of every sign-in. */
public final class SignIn {

  private SignIn() {}

  public static SignedIn start(Sessions sessions, Call<?> call, Accounts.Account user, Members.Membership membership) {
    Sessions.TokenPair tokens = sessions.start(call.db(),
        new Sessions.Grant(user.id(), membership.organizationId(), membership.role(), user.platformRoles()),
        call.request().sourceIp(), call.request().userAgent(), call.now());
    return SignedIn.of(tokens, user, membership);
  }
}
