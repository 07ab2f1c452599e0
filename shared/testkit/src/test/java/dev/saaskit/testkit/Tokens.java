package dev.saaskit.testkit;

import dev.saaskit.shared.identity.Role;
import java.util.UUID;

/** Shorthands for the tokens the runtime tests use. */
final class Tokens {

  private Tokens() {}

  static String user() {
    return TestTokens.get().accessToken(UUID.randomUUID(), UUID.randomUUID(), Role.USER);
  }

  static String member(UUID org, Role role) {
    return TestTokens.get().accessToken(UUID.randomUUID(), org, role);
  }
}
