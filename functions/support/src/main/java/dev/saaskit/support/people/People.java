package dev.saaskit.support.people;

import dev.saaskit.shared.db.Handle;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The accounts support needs to know about, read from identity's tables (migrations/ownership.yaml
 * lists why): where to send a ticket's notifications, who is a support agent, who is a member of a
 * ticket's organization. Only live, active accounts count.
 */
public final class People {

  /** Someone a notification goes to. */
  public record Person(UUID id, String email, String fullName) {}

  private final Handle db;

  public People(Handle db) {
    this.db = db;
  }

  public List<Person> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.createQuery("select id, email, full_name from users where id = any(:ids) and active and deleted_at is null order by id")
        .bind("ids", ids.toArray(UUID[]::new))
        .map(rs -> new Person(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name")))
        .list();
  }

  /** Every account holding the platform role support_agent. */
  public List<Person> agents() {
    return db.createQuery(
            "select id, email, full_name from users where 'support_agent' = any(platform_roles) and active and deleted_at is null order by id")
        .map(rs -> new Person(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name")))
        .list();
  }

  public boolean isAgent(UUID id) {
    return db.createQuery(
            "select exists (select 1 from users where id = :id and 'support_agent' = any(platform_roles) and active and deleted_at is null)")
        .bind("id", id)
        .mapTo(Boolean.class)
        .one();
  }

  /** Those of {@code ids} who are active members of {@code organization}. */
  public Set<UUID> membersOf(UUID organization, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(db.createQuery(
            """
            select m.user_id from organization_members m join users u on u.id = m.user_id
             where m.organization_id = :org and m.active and m.user_id = any(:ids) and u.active and u.deleted_at is null
            """)
        .bind("org", organization)
        .bind("ids", ids.toArray(UUID[]::new))
        .mapTo(UUID.class)
        .list());
  }
}
