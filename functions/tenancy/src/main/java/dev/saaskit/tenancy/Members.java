package dev.saaskit.tenancy;

import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * An organization's members; every query is of one organization. A suspended membership ({@code
 * active} false) is listed and administered like any other, but is no org_admin for the
 * last-admin rule.
 */
final class Members {

  /** The roles a member can hold inside an organization, as their codes. */
  static final List<String> ROLES = List.of(Role.ORG_ADMIN.code(), Role.BILLING_ADMIN.code(), Role.USER.code());

  private static final String SELECT =
      """
      select m.user_id, u.email, u.full_name, m.role, m.active, m.created_at
        from organization_members m join users u on u.id = m.user_id
       where m.organization_id = :org
      """;

  private final Handle db;

  Members(Handle db) {
    this.db = db;
  }

  List<Member> list(UUID org, PageRequest page) {
    return db.createQuery(SELECT + " and (cast(:after as uuid) is null or m.user_id > :after) order by m.user_id limit :limit")
        .bind("org", org)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map((rs, ctx) -> map(rs))
        .list();
  }

  Optional<Member> find(UUID org, UUID user) {
    return db.createQuery(SELECT + " and m.user_id = :user").bind("org", org).bind("user", user).map((rs, ctx) -> map(rs)).findOne();
  }

  /** True when a user with this (normalised) email is a member. */
  boolean hasEmail(UUID org, String email) {
    return db.createQuery(
            """
            select exists (select 1 from organization_members m join users u on u.id = m.user_id
                            where m.organization_id = :org and u.email = :email and u.deleted_at is null)
            """)
        .bind("org", org)
        .bind("email", email)
        .mapTo(Boolean.class)
        .one();
  }


  /** Adds the member; false when they already are one. */
  boolean add(UUID org, UUID user, Role role) {
    return db.createUpdate("insert into organization_members (organization_id, user_id, role) values (:org, :user, :role) on conflict do nothing")
        .bind("org", org)
        .bind("user", user)
        .bind("role", role.code())
        .execute() == 1;
  }

  void changeRole(UUID org, UUID user, Role role) {
    db.createUpdate("update organization_members set role = :role where organization_id = :org and user_id = :user")
        .bind("org", org)
        .bind("user", user)
        .bind("role", role.code())
        .execute();
  }

  /** Removes the member, and with them their workspace memberships (the foreign key cascades). */
  void remove(UUID org, UUID user) {
    db.createUpdate("delete from organization_members where organization_id = :org and user_id = :user")
        .bind("org", org)
        .bind("user", user)
        .execute();
  }

  private static Member map(ResultSet rs) throws SQLException {
    return new Member(
        rs.getObject("user_id", UUID.class),
        rs.getString("email"),
        rs.getString("full_name"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        rs.getBoolean("active"),
        Rows.instant(rs, "created_at"));
  }
}
