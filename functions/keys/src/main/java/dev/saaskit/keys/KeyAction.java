package dev.saaskit.keys;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the keys domain. */
public enum KeyAction implements AuditAction {
  API_KEY_CREATED("api_key.created"),
  API_KEY_REROLLED("api_key.rerolled"),
  API_KEY_REVOKED("api_key.revoked"),
  API_KEY_UPDATED("api_key.updated");

  private final String code;

  KeyAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
