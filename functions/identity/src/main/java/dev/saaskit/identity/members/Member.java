package dev.saaskit.identity.members;

import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * A member of an organization, with their role in it. {@code active} is false while the membership
 * is suspended (auth's {@code PUT /api/v1/users/{id}}): the member keeps the seat and the role but
 * reaches nothing of the organization.
 */
public record Member(UUID userId, String email, String fullName, Role role, boolean active, Instant joinedAt) {}
