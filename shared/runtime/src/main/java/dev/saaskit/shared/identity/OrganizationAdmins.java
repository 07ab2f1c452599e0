package dev.saaskit.shared.identity;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The rule that an organization never loses its last active org_admin, kept in one place because
 * two domains change memberships: auth (user administration) and tenancy (members).
 */
public final class OrganizationAdmins {

  private OrganizationAdmins() {}

  /**
   * Locks the organization's active org_admin memberships until the transaction ends and counts
   * those other than {@code user}'s, so no two concurrent changes in either domain can both take
   * away the last one.
   */
  public static int othersThan(Handle db, UUID organization, UUID user) {
    List<UUID> admins = db.createQuery(
            """
            select user_id from organization_members
             where organization_id = :org and role = 'org_admin' and active
             for update
            """)
        .bind("org", organization)
        .mapTo(UUID.class)
        .list();
    return (int) admins.stream().filter(id -> !id.equals(user)).count();
  }
}
