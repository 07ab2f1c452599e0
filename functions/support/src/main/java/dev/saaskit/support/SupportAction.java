package dev.saaskit.support;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for support. Entries never hold a comment's text, only whether it was internal. */
public enum SupportAction implements AuditAction {
  TICKET_CREATED("support_ticket.created"),
  TICKET_UPDATED("support_ticket.updated"),
  COMMENT_CREATED("support_comment.created"),
  ATTACHMENT_DECLARED("support_attachment.declared"),
  ATTACHMENT_COMPLETED("support_attachment.completed"),
  ATTACHMENT_REJECTED("support_attachment.rejected"),
  CALENDAR_UPDATED("support_calendar.updated");

  private final String code;

  SupportAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
