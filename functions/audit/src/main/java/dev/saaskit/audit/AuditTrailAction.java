package dev.saaskit.audit;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the audit domain itself. */
public enum AuditTrailAction implements AuditAction {
  /** Taking the trail out is recorded in it: who asked for which entries. */
  AUDIT_EXPORT_CREATED("audit_export.created"),
  /** Taking out all of the organization's data is recorded too: who asked, and when. */
  DATA_EXPORT_CREATED("data_export.created");

  private final String code;

  AuditTrailAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
