package dev.saaskit.notifications;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the notifications domain. */
public enum NotificationAction implements AuditAction {
  TEMPLATE_CREATED("notification_template.created"),
  TEMPLATE_UPDATED("notification_template.updated"),
  TEMPLATE_DELETED("notification_template.deleted"),
  NOTIFICATION_SENT("notification.sent"),
  PREFERENCES_UPDATED("notification_preferences.updated");

  private final String code;

  NotificationAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
