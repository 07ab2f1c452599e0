package dev.saaskit.audit.logs;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One audit entry as the list and the exports show it. */
public record AuditLogEntry(
    UUID id,
    UUID organizationId,
    UUID actorUserId,
    UUID actorApiKeyId,
    String action,
    String resourceType,
    String resourceId,
    String requestId,
    String ip,
    String userAgent,
    JsonNode details,
    Instant createdAt) {}
