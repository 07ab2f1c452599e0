package dev.saaskit.benchmarks;

import java.util.List;

/**
 * The requests the suite measures. Add one line per representative endpoint as domains land, e.g.
 * <pre>
 *   Case.get("me", "/api/v1/me").bearer(tokens.user()).baselineSql("select ... from users where id = '...'"),
 *   Case.post("verify-key", "/api/v1/keys/verify", "{\"key\":\"...\"}").baselineSql("select ... where hash = '...'"),
 * </pre>
 * Seed what the request reads in {@link Tokens} or with {@code TestDatabase.get().jdbi()} before the
 * list is built.
 */
final class Cases {

  private Cases() {}

  static List<Case> all(Tokens tokens) {
    return List.of(
        Case.get("health", "/health"),
        // A public route still verifies a bearer token when one is sent: the JWT check every signed-in
        // request pays, measured before the signed-in endpoints exist.
        Case.get("health-with-token", "/health").bearer(tokens.user()));
  }
}
