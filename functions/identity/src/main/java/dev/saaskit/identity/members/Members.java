package dev.saaskit.identity.members;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who belongs to which organization with which role ({@code organization_members}), seen from the
 * organization ({@link Member}: who its members are) or from the person ({@link Membership}: which
 * organizations they belong to). Every query is of one organization or of one person. A suspended
 * membership ({@code active} false) keeps its seat and role but reaches nothing of the
 * organization; deleted organizations have no memberships here.
 */
public final class Members {

  /** The roles a member can hold inside an organization. */
  public static final List<Role> ROLES = List.of(Role.ORG_ADMIN, Role.BILLING_ADMIN, Role.USER);

  /** The same, as their codes. */
  public static final List<String> ROLE_CODES = ROLES.stream().map(Role::code).toList();

  /** A membership as its member sees it: the organization and the role in it. */
  public record Membership(UUID organizationId, String name, String slug, String plan, Role role, boolean active) {}

  private static final String MEMBERS =
      """
      select m.user_id, u.email, u.full_name, m.role, m.active, m.created_at
        from organization_members m join users u on u.id = m.user_id
       where m.organization_id = :org
      """;

  private static final String MEMBERSHIPS =
      """
      select o.id, o.name, o.slug, o.plan, m.role, m.active
        from organization_members m
        join organizations o on o.id = m.organization_id and o.deleted_at is null
      """;

  private final Handle db;

  public Members(Handle db) {
    this.db = db;
  }

  public List<Member> list(UUID org, PageRequest page) {
    return db.createQuery(MEMBERS + " and (cast(:after as uuid) is null or m.user_id > :after) order by m.user_id limit :limit")
        .bind("org", org)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> member(rs))
        .list();
  }

  public Optional<Member> find(UUID org, UUID user) {
    return db.createQuery(MEMBERS + " and m.user_id = :user").bind("org", org).bind("user", user).map(rs -> member(rs)).findOne();
  }

  /** True when a user with this (normalised) email is a member. */
  public boolean hasEmail(UUID org, String email) {
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

  /** The person's membership in a live organization, suspended or not. */
  public Optional<Membership> membership(UUID user, UUID org) {
    return db.createQuery(MEMBERSHIPS + " where m.user_id = :user and m.organization_id = :org")
        .bind("user", user)
        .bind("org", org)
        .map(rs -> membership(rs))
        .findOne();
  }

  /** The membership a token may be scoped to: active, in a live organization. */
  public Optional<Membership> activeMembership(UUID user, UUID org) {
    return membership(user, org).filter(Membership::active);
  }

  /** Every active membership, oldest first: the first is where a sign-in without an organization lands. */
  public List<Membership> activeMemberships(UUID user) {
    return db.createQuery(MEMBERSHIPS + " where m.user_id = :user and m.active order by m.created_at, o.id")
        .bind("user", user)
        .map(rs -> membership(rs))
        .list();
  }

  /** Adds the member; false when they already are one. */
  public boolean add(UUID org, UUID user, Role role, Instant now) {
    return db.createUpdate(
            """
            insert into organization_members (organization_id, user_id, role, created_at) values (:org, :user, :role, :now)
            on conflict do nothing
            """)
        .bind("org", org)
        .bind("user", user)
        .bind("role", role.code())
        .bind("now", now)
        .execute() == 1;
  }

  void update(UUID org, UUID user, Role role, boolean active) {
    db.createUpdate("update organization_members set role = :role, active = :active where organization_id = :org and user_id = :user")
        .bind("role", role.code())
        .bind("active", active)
        .bind("org", org)
        .bind("user", user)
        .execute();
  }

  /** Removes the member, and with them their workspace memberships (the foreign key cascades). */
  void remove(UUID org, UUID user) {
    db.createUpdate("delete from organization_members where organization_id = :org and user_id = :user")
        .bind("org", org)
        .bind("user", user)
        .execute();
  }

  private static Member member(ResultSet rs) throws SQLException {
    return new Member(
        rs.getObject("user_id", UUID.class),
        rs.getString("email"),
        rs.getString("full_name"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        rs.getBoolean("active"),
        instant(rs, "created_at"));
  }

  private static Membership membership(ResultSet rs) throws SQLException {
    return new Membership(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("slug"),
        rs.getString("plan"),
        Role.fromCode(rs.getString("role")).orElseThrow(),
        rs.getBoolean("active"));
  }
}
