package dev.saaskit.auth;

import dev.saaskit.shared.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Who belongs to which organization with which role ({@code organization_members}), seen together
 * with the organization. Deleted organizations have no members here.
 */
final class Memberships {

  private final Handle db;

  Memberships(Handle db) {
    this.db = db;
  }

  record Membership(UUID organizationId, String name, String slug, String plan, Role role, boolean active) {}

  private static final String SELECT =
      """
      select o.id, o.name, o.slug, o.plan, m.role, m.active
        from organization_members m
        join organizations o on o.id = m.organization_id and o.deleted_at is null
      """;

  Optional<Membership> find(UUID user, UUID organization) {
    return db.createQuery(SELECT + " where m.user_id = :user and m.organization_id = :org")
        .bind("user", user)
        .bind("org", organization)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  /** The membership a token may be scoped to: active, in a live organization. */
  Optional<Membership> findActive(UUID user, UUID organization) {
    return find(user, organization).filter(Membership::active);
  }

  /** Every active membership, oldest first: the first is where a sign-in without an organization lands. */
  List<Membership> activeOf(UUID user) {
    return db.createQuery(SELECT + " where m.user_id = :user and m.active order by m.created_at, o.id")
        .bind("user", user)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  void add(UUID organization, UUID user, Role role, Instant now) {
    db.createUpdate("insert into organization_members (organization_id, user_id, role, created_at) values (:org, :user, :role, :now)")
        .bind("org", organization)
        .bind("user", user)
        .bind("role", role.code())
        .bind("now", now)
        .execute();
  }


  void update(UUID organization, UUID user, Role role, boolean active) {
    db.createUpdate("update organization_members set role = :role, active = :active where organization_id = :org and user_id = :user")
        .bind("role", role.code())
        .bind("active", active)
        .bind("org", organization)
        .bind("user", user)
        .execute();
  }

  void remove(UUID organization, UUID user) {
    db.createUpdate("delete from organization_members where organization_id = :org and user_id = :user")
        .bind("org", organization)
        .bind("user", user)
        .execute();
  }

  private static Membership read(ResultSet rs) throws SQLException {
    return new Membership(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("plan"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        rs.getBoolean("active"));
  }
}
