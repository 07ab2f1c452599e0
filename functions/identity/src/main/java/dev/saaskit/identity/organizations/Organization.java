package dev.saaskit.identity.organizations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An organization (a tenant) as the API shows it.
 *
 * @param settings free-form JSON object for the product built on the platform
 * @param allowedEmailDomains when not empty, invitations go only to addresses at these domains
 * @param deletedAt set once a super_admin deleted it (only a super_admin still sees it then)
 * @param purgeAfter when a deleted organization and its data are purged
 */
public record Organization(
    UUID id,
    String name,
    String slug,
    String plan,
    JsonNode settings,
    List<String> allowedEmailDomains,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt,
    Instant purgeAfter) {}
