package dev.saaskit.shared.http;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;

/** The catalog's access rule applied to a verified caller: 401 without credentials, 403 below the rule. */
final class Authorization {

  private Authorization() {}

  static void check(Access access, Caller caller) {
    if (access.mode() == Access.Mode.PUBLIC) {
      return;
    }
    if (caller.isAnonymous()) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "sign in, or send an access token as 'Authorization: Bearer <token>'");
    }
    if (caller.isApiKey()) {
      if (!caller.scopes().containsAll(access.apiKeyScopes())) {
        throw new ApiException(ProblemType.INSUFFICIENT_SCOPE,
            "this route needs an API key with scopes " + access.apiKeyScopes().stream().sorted().toList());
      }
      return;
    }
    if (!access.roles().isEmpty() && access.roles().stream().noneMatch(caller::has)) {
      throw new ApiException(ProblemType.FORBIDDEN, "this route needs one of the roles " + access.roles().stream().map(Role::code).sorted().toList());
    }
  }
}
