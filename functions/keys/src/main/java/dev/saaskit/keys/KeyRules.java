package dev.saaskit.keys;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The rules a key's settings follow, shared by creating and changing one. */
final class KeyRules {

  static final int MAX_NAME = 100;
  static final int MAX_SCOPES = 50;

  private KeyRules() {}

  static void name(Violations v, String name) {
    v.text("name", name, MAX_NAME);
  }

  /**
   * At least one scope, none twice, each one that some route accepts keys with: the catalog's
   * {@code api_key_scopes} are the one list of scopes.
   */
  static void scopes(Violations v, List<String> scopes) {
    if (!v.required("scopes", scopes) || !v.distinct("scopes", scopes)) {
      return;
    }
    if (scopes.isEmpty() || scopes.size() > MAX_SCOPES) {
      v.add("scopes", "must hold 1 to " + MAX_SCOPES + " scopes");
      return;
    }
    knownScopes(v, scopes);
  }

  /** Each scope one that some route accepts keys with. */
  static void knownScopes(Violations v, List<String> scopes) {
    Set<String> known = Catalog.bundled().apiKeyScopes();
    for (int i = 0; i < scopes.size(); i++) {
      if (!known.contains(scopes.get(i))) {
        v.add("scopes[" + i + "]", "'" + scopes.get(i) + "' is not a scope; the scopes are " + known);
      }
    }
  }

  static void rateLimit(Violations v, ApiKey.RateLimit rateLimit) {
    if (rateLimit != null) {
      rateLimit.validate(v, "rate_limit");
    }
  }

  static void expiresAt(Violations v, Instant expiresAt) {
    v.future("expires_at", expiresAt, Instant.now());
  }

  /**
   * A key that manages keys may only hand out and touch scopes it holds itself, so {@code
   * keys:write} never leads to more than the key already has.
   */
  static void mayManage(Caller caller, Collection<String> scopes) {
    if (caller.isApiKey() && !caller.scopes().containsAll(scopes)) {
      throw new ApiException(ProblemType.INSUFFICIENT_SCOPE,
          "an API key can only manage keys within its own scopes " + caller.scopes().stream().sorted().toList());
    }
  }
}
