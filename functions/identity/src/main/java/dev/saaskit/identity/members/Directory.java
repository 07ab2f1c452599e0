package dev.saaskit.identity.members;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.identity.accounts.Accounts;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.SqlFiles;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts as the user administration sees them. An org_admin sees members of its token's
 * organization only; a super_admin sees every live account. Each account comes with its membership
 * in the organization asked about (null when it has none).
 */
final class Directory {

  private static final String LIST = SqlFiles.load(Directory.class, "list");

  private final Handle db;

  Directory(Handle db) {
    this.db = db;
  }

  public record UserView(
      UUID id, String email, String fullName, boolean emailVerified, List<String> platformRoles, Instant createdAt, Membership membership) {}

  public record Membership(UUID organizationId, Role role, boolean active) {}

  /** Who the caller may see: members of {@code organization}, or everyone for a super_admin asking about no organization. */
  List<UserView> list(UUID organization, boolean membersOnly, String search, PageRequest page) {
    return db.createQuery(LIST)
        .bind("org", organization)
        .bind("members_only", membersOnly)
        .bind("after", page.after())
        .bind("pattern", search == null ? null : "%" + search.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** One account, if the caller may see it: a member of the caller's organization, or any live account for a super_admin. */
  Optional<UserView> find(Caller caller, UUID id) {
    return db.createQuery(
            """
            select u.id, u.email, u.full_name, u.email_verified_at, u.platform_roles, u.created_at,
                   m.organization_id, m.role, m.active as member_active
              from users u
              left join organization_members m on m.user_id = u.id and m.organization_id = :org
             where u.id = :id and u.deleted_at is null
               and (:any or m.organization_id is not null)
            """)
        .bind("org", caller.organization())
        .bind("id", id)
        .bind("any", caller.isSuperAdmin())
        .map(rs -> read(rs))
        .findOne();
  }

  private static UserView read(ResultSet rs) throws SQLException {
    UUID org = rs.getObject("organization_id", UUID.class);
    Membership membership = org == null ? null
        : new Membership(org, Role.fromCode(rs.getString("role")).orElseThrow(), rs.getBoolean("member_active"));
    return new UserView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
        rs.getObject("email_verified_at") != null, Accounts.codes(Accounts.roles(rs.getArray("platform_roles"))),
        instant(rs, "created_at"), membership);
  }
}
