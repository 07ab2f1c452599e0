package dev.saaskit.identity.invitations;

import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.UUID;

/** A pending invitation as an org_admin sees it; its token went only to the invitee's mailbox. */
public record Invitation(UUID id, String email, Role role, UUID invitedBy, Instant createdAt, Instant expiresAt) {}
