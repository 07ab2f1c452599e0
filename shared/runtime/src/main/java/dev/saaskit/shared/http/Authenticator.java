package dev.saaskit.shared.http;

import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.ApiKeyAuthenticator;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.runtime.Platform;

/**
 * Who is calling: the {@code authorization} header's bearer credential, an access token (verified
 * offline against the public signing keys) or an API key (checked and counted in one statement,
 * where the route takes keys). A credential is verified whenever one is sent, even on public routes,
 * so a bad token is never silently treated as anonymous.
 */
final class Authenticator {

  /** The verified caller, and the API key's admission when the credential was a key. */
  record Credentials(Caller caller, ApiKeyAuthenticator.Admission key) {}

  private final FunctionSpec spec;
  private final Platform platform;

  Authenticator(FunctionSpec spec, Platform platform) {
    this.spec = spec;
    this.platform = platform;
  }

  /** An API key is checked in one statement before the request's transaction, so it counts even when the request fails. */
  Credentials authenticate(HttpRequest request, UnitOfWork work) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      return new Credentials(Caller.ANONYMOUS, null);
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() == 7) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the authorization header must be 'Bearer <token>'");
    }
    String credential = authorization.substring(7).trim();
    if (!credential.startsWith(ApiKeyAuthenticator.PREFIX)) {
      return new Credentials(platform.accessTokens().verify(credential), null);
    }
    if (!spec.access().acceptsApiKeys()) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "this route does not accept API keys; sign in as a user");
    }
    ApiKeyAuthenticator.Admission key = platform.apiKeys().authenticate(credential, spec.http().routeKey(), work.autocommitDb());
    return new Credentials(key.caller(), key);
  }
}
