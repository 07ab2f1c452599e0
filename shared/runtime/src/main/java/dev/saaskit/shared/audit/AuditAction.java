package dev.saaskit.shared.audit;

/**
 * What an audit entry says happened: a dotted verb such as {@code member.role_changed}. Each domain
 * lists its actions as one enum implementing this, and the README lists them all: the audit trail's
 * vocabulary is closed, so a reader (or the audit-log API) can rely on it.
 */
public interface AuditAction {

  /** The action as stored in {@code audit_logs.action}. */
  String code();
}
