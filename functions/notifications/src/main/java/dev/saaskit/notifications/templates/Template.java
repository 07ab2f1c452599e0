package dev.saaskit.notifications.templates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A template as the API shows it: one version of its content.
 *
 * @param organizationId null for the platform's defaults, which every organization reads and none changes
 * @param platformDefault true for the platform's defaults
 * @param version the version shown; {@code latestVersion} the one new messages use
 * @param variables the variables a message must give
 */
public record Template(
    UUID id,
    UUID organizationId,
    boolean platformDefault,
    String name,
    String channel,
    String locale,
    String category,
    int version,
    int latestVersion,
    String subject,
    String body,
    String htmlBody,
    List<String> variables,
    Instant createdAt,
    Instant updatedAt) {}
