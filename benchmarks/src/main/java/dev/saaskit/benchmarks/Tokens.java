package dev.saaskit.benchmarks;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.TestTokens;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens of the shape identity issues, signed with the test key, valid for the whole
 * run (a full run takes longer than a real token lives); the functions under test get the public key
 * as {@code JWT_JWKS} and the private one as {@code JWT_SIGNING_KEYS}, to issue token pairs with.
 */
final class Tokens {

  private final TestTokens tokens = TestTokens.get();

  /** A token of a plain member of an organization that need not exist. */
  String user() {
    return of(UUID.randomUUID(), UUID.randomUUID(), Role.USER);
  }

  /** A token of {@code user} in {@code organization} with {@code role}. */
  String of(UUID user, UUID organization, Role role) {
    var claims = tokens.claims(user, organization, role, Set.of())
        .expirationTime(Date.from(Instant.now().plusSeconds(6 * 3600)))
        .build();
    return tokens.sign(claims);
  }

  /** The settings every function under test needs to verify these tokens. */
  Map<String, String> settings() {
    return Map.of(
        "JWT_JWKS", System.getProperty("JWT_JWKS"),
        "JWT_SIGNING_KEYS", System.getProperty("JWT_SIGNING_KEYS"),
        "JWT_ISSUER", TestTokens.ISSUER,
        "JWT_AUDIENCE", TestTokens.AUDIENCE);
  }
}
