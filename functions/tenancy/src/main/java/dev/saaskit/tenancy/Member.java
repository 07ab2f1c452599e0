package dev.saaskit.tenancy;

import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.UUID;

/** A member of an organization, with their role in it. */
public record Member(UUID userId, String email, String fullName, Role role, Instant joinedAt) {}
