package dev.saaskit.shared.catalog;

import dev.saaskit.shared.identity.Role;
import java.util.Set;

/**
 * Who may call a function. {@code PUBLIC}: anyone (credentials, when sent, must still be valid).
 * {@code SIGNED_IN}: a verified user token; when {@code roles} is not empty the user must hold one of
 * them; when {@code apiKeyScopes} is not empty an API key holding all of them is accepted too.
 * {@code INTERNAL}: not reachable over HTTP (queue consumers, schedules, deploy hooks).
 */
public record Access(Mode mode, Set<Role> roles, Set<String> apiKeyScopes) {

  public enum Mode {
    PUBLIC,
    SIGNED_IN,
    INTERNAL
  }

  public static final Access PUBLIC = new Access(Mode.PUBLIC, Set.of(), Set.of());
  public static final Access SIGNED_IN = new Access(Mode.SIGNED_IN, Set.of(), Set.of());
  public static final Access INTERNAL = new Access(Mode.INTERNAL, Set.of(), Set.of());

  public Access {
    roles = Set.copyOf(roles);
    apiKeyScopes = Set.copyOf(apiKeyScopes);
  }

  public boolean acceptsApiKeys() {
    return !apiKeyScopes.isEmpty();
  }
}
