package dev.saaskit.shared.outbox;

import java.util.Map;
import java.util.UUID;

/**
 * A message for a person (an email today), put on the {@value #QUEUE} queue with {@code
 * call.publish(Notification.QUEUE, notification)}; the notifications domain renders and delivers it.
 *
 * @param template the template's name, e.g. {@code verify_email}, {@code reset_password}
 * @param to the recipient's address
 * @param variables what the template fills in (never a password; tokens only where the template
 *     builds a link from them)
 * @param organizationId the organization whose branding applies; null for platform messages
 */
public record Notification(String template, String to, Map<String, Object> variables, UUID organizationId) {

  public static final String QUEUE = "notifications";
}
