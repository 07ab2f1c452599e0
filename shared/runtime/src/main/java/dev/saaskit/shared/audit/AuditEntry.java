package dev.saaskit.shared.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One audit-trail record: who did what to which resource, from where, in which request.
 *
 * @param organizationId the tenant the change belongs to; null for platform-level events
 * @param action a dotted verb, e.g. {@code user.login_failed}, {@code api_key.created}
 * @param details free-form context; values under secret-looking keys are removed before storing
 */
public record AuditEntry(
    UUID organizationId,
    UUID actorUserId,
    UUID actorApiKeyId,
    String action,
    String resourceType,
    String resourceId,
    String requestId,
    String ip,
    String userAgent,
    Map<String, ?> details) {}
