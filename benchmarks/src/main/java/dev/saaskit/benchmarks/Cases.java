package dev.saaskit.benchmarks;

import dev.saaskit.benchmarks.baseline.PlainHandler.Work;
import dev.saaskit.shared.identity.Role;
import java.util.List;

/**
 * The requests the suite measures, one line per representative endpoint; the first is the one
 * {@code --quick} runs. Cold starts are measured for one case per artifact. What a case reads is
 * seeded by {@link Seed}.
 */
final class Cases {

  private Cases() {}

  static List<Case> all(Tokens tokens, Seed seed) {
    String login = "{\"email\":\"" + seed.email() + "\",\"password\":\"" + Seed.PASSWORD + "\"}";
    return List.of(
        // platform: one select 1.
        Case.get("health", "/health").withColdStart(),
        // A public route still verifies a bearer token when one is sent: the JWT check alone, with the same query.
        Case.get("health-with-token", "/health").bearer(tokens.user()),
        // identity: a signed-in read (three statements without a transaction).
        Case.get("me", "/api/v1/me").bearer(tokens.of(seed.userId(), seed.organizationId(), Role.ORG_ADMIN))
            .baseline(Work.ME).withColdStart(),
        // identity: bcrypt at the deployment's cost, then a new session and a signed token pair. A success resets
        // the account's failure count, so the same login may be repeated without tripping the lockout.
        Case.post("login", "/api/v1/login", login).baseline(Work.LOGIN).atMost(20, 200),
        // identity: rotation uses a token up, so each request presents a fresh one of a prepared supply.
        Case.post("refresh", "/api/v1/refresh", null)
            .bodies(n -> seed.refreshTokens(n).stream().map(t -> "{\"refresh_token\":\"" + t + "\"}").toList())
            .baseline(Work.REFRESH).atMost(1_000, 3_000),
        // keys: the check every key-authenticated request makes, in one statement; 200 even for a bad key, so the
        // answer must say valid.
        Case.post("verify-key", "/api/v1/keys/verify", "{\"key\":\"" + seed.apiKey() + "\"}")
            .baseline(Work.VERIFY_KEY).expect("\\\"valid\\\":true").withKeyAuthentication().withColdStart(),
        // keys: a read authenticated by an API key with keys:read.
        Case.get("list-keys-with-key", "/api/v1/keys").bearer(seed.apiKey()).baseline(Work.LIST_KEYS).withKeyAuthentication());
  }
}
