package dev.saaskit.keys;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

  /** What a key is allowed, in each of the ways one key can be stronger than another. */
  record Strength(Collection<String> scopes, ApiKey.RateLimit rateLimit, Instant expiresAt, UUID workspaceId, String environment) {
    static Strength of(ApiKey key) {
      return new Strength(key.scopes(), key.rateLimit(), key.expiresAt(), key.workspaceId(), key.environment());
    }
  }

  /**
   * A key that manages keys ({@code keys:write}) may make, change, reroll or revoke only keys no
   * stronger than itself in every way: scopes it holds itself, a rate limit no higher (per window
   * and per second), an expiry no later (none only when it has none), its own workspace when it is
   * bound to one, and test keys only when it is a test key. So {@code keys:write} never leads to
   * more than the key already has, nor lets it end a stronger key's secret. Users are not limited
   * here; their role is.
   */
  static void mayManage(Caller caller, KeyStore keys, Strength... targets) {
    if (!caller.isApiKey()) {
      return;
    }
    Strength own = Strength.of(keys.find(caller.apiKeyId()).orElseThrow(() -> ApiException.notFound("API key")));
    for (Strength target : targets) {
      if (!own.scopes().containsAll(target.scopes())) {
        throw new ApiException(ProblemType.INSUFFICIENT_SCOPE,
            "an API key can only manage keys within its own scopes " + own.scopes().stream().sorted().toList());
      }
      String stronger = strongerIn(own, target);
      if (stronger != null) {
        throw new ApiException(ProblemType.FORBIDDEN, "an API key can only manage keys no stronger than itself: " + stronger)
            .code(KeyProblem.STRONGER_THAN_CALLER);
      }
    }
  }

  /** The way {@code target} is stronger than {@code own}, or null. */
  private static String strongerIn(Strength own, Strength target) {
    ApiKey.RateLimit mine = own.rateLimit();
    ApiKey.RateLimit theirs = target.rateLimit();
    if (theirs.requests() > mine.requests() || (long) theirs.requests() * mine.perSeconds() > (long) mine.requests() * theirs.perSeconds()) {
      return "its rate limit is higher than " + mine.requests() + " requests per " + mine.perSeconds() + " s";
    }
    if (own.expiresAt() != null && (target.expiresAt() == null || target.expiresAt().isAfter(own.expiresAt()))) {
      return "it must expire no later than " + own.expiresAt();
    }
    if (own.workspaceId() != null && !own.workspaceId().equals(target.workspaceId())) {
      return "it must belong to workspace " + own.workspaceId();
    }
    if (ApiKeyFormat.TEST.equals(own.environment()) && !ApiKeyFormat.TEST.equals(target.environment())) {
      return "a test key manages test keys only";
    }
    return null;
  }
}
