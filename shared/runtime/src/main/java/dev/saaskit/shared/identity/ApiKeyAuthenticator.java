package dev.saaskit.shared.identity;

import dev.saaskit.shared.db.Database;

/**
 * Resolves an API key presented as a bearer credential into a caller of the key's organization.
 * Implemented by the keys domain; without one, API keys are rejected.
 */
public interface ApiKeyAuthenticator {

  /** Bearer credentials starting with this are API keys; anything else is an access token. */
  String PREFIX = "vk_";

  /**
   * Returns the caller, or throws a 401 (unknown, disabled, expired key) or 429 (rate limited)
   * {@link dev.saaskit.shared.problem.ApiException}. Runs outside the request's transaction, so a
   * request that fails still counts against the key's rate limit.
   */
  Caller authenticate(String key, String route, Database database);
}
