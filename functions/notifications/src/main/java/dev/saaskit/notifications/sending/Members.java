package dev.saaskit.notifications.sending;

import dev.saaskit.shared.db.Handle;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization's members a message names by user id, read from identity's tables (which
 * migrations/ownership.yaml lets this module read): only active members of active, undeleted
 * accounts, and the address each has now.
 */
final class Members {

  record Member(UUID id, String email, String locale) {}

  private static final String ACTIVE_MEMBER =
      """
      select u.id, u.email, u.locale
        from organization_members m join users u on u.id = m.user_id
       where m.organization_id = :org and m.active and u.active and u.deleted_at is null
      """;

  private Members() {}

  static Map<UUID, Member> find(Handle db, UUID organization, Collection<UUID> ids) {
    Map<UUID, Member> found = new LinkedHashMap<>();
    db.createQuery(ACTIVE_MEMBER + " and m.user_id = any(:ids)")
        .bind("org", organization)
        .bindArray("ids", UUID.class, ids)
        .map(rs -> new Member(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("locale")))
        .forEach(m -> found.put(m.id(), m));
    return found;
  }

  /** The member's address now; empty once they left the organization or their account ended. */
  static Optional<String> currentEmail(Handle db, UUID organization, UUID user) {
    return db.createQuery(ACTIVE_MEMBER + " and m.user_id = :user")
        .bind("org", organization)
        .bind("user", user)
        .map(rs -> rs.getString("email"))
        .findOne();
  }
}
