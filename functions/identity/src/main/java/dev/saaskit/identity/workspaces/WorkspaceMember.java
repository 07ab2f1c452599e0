package dev.saaskit.identity.workspaces;

import java.time.Instant;
import java.util.UUID;

/** A member of a workspace: one of its organization's members, with a workspace role. */
public record WorkspaceMember(UUID userId, String email, String fullName, String role, Instant addedAt) {}
