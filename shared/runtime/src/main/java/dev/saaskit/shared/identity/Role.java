package dev.saaskit.shared.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The five roles. Platform roles act across organizations (support_agent only for support);
 * organization roles hold inside the organization an access token is scoped to.
 */
public enum Role {
  SUPER_ADMIN(true),
  SUPPORT_AGENT(true),
  ORG_ADMIN(false),
  BILLING_ADMIN(false),
  USER(false);

  private final boolean platform;

  Role(boolean platform) {
    this.platform = platform;
  }

  public boolean isPlatformRole() {
    return platform;
  }

  /** The name used in tokens, the catalog and JSON. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static Role fromJson(String code) {
    return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown role '" + code + "'"));
  }

  public static Optional<Role> fromCode(String code) {
    for (Role role : values()) {
      if (role.code().equals(code)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
