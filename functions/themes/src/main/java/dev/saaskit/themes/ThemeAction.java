package dev.saaskit.themes;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the themes domain. */
public enum ThemeAction implements AuditAction {
  THEME_CREATED("theme.created"),
  THEME_UPDATED("theme.updated"),
  THEME_ASSET_REPLACED("theme.asset_replaced"),
  PAGE_CREATED("page.created"),
  PAGE_UPDATED("page.updated"),
  PAGE_DELETED("page.deleted");

  private final String code;

  ThemeAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
