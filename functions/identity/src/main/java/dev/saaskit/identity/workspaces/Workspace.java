package dev.saaskit.identity.workspaces;

import java.time.Instant;
import java.util.UUID;

/** A workspace inside an organization. */
public record Workspace(UUID id, UUID organizationId, String name, String description, Instant createdAt, Instant updatedAt) {}
