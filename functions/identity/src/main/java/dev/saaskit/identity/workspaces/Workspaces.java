package dev.saaskit.identity.workspaces;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Violations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Workspaces and their members; every query is of one organization. */
final class Workspaces {

  static final int MAX_NAME = 100;
  static final int MAX_DESCRIPTION = 2000;
  static final List<String> ROLES = List.of("admin", "contributor", "viewer");

  private static final String COLUMNS = "w.id, w.organization_id, w.name, w.description, w.created_at, w.updated_at";
  private static final String MEMBER_COLUMNS = "wm.user_id, u.email, u.full_name, wm.role, wm.created_at";

  private final Handle db;

  Workspaces(Handle db) {
    this.db = db;
  }

  /**
   * The workspace a route's {@code {id}} names, if it is in the caller's organization, that
   * organization is not deleted and the caller is still its active (not suspended) member;
   * otherwise not found.
   */
  static Workspace addressed(Call<?> call) {
    return call.db().createQuery(
            """
            select %s
              from workspaces w
              join organizations o on o.id = w.organization_id and o.deleted_at is null
              join organization_members m on m.organization_id = w.organization_id and m.user_id = :user and m.active
             where w.id = :id and w.organization_id = :org
            """.formatted(COLUMNS))
        .bind("id", call.pathId("id"))
        .bind("org", call.caller().organization())
        .bind("user", call.caller().user())
        .map(rs -> map(rs))
        .findOne()
        .orElseThrow(() -> ApiException.notFound("workspace"));
  }

  static void name(Violations v, String name) {
    v.optionalText("name", name, MAX_NAME);
  }

  /** Free text over several lines; an empty one is no description. */
  static void description(Violations v, String description) {
    if (description == null) {
      return;
    }
    if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
      v.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
    } else if (description.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f)) {
      v.add("description", "must not contain control characters other than tabs and line breaks");
    }
  }

  Workspace insert(UUID id, UUID org, String name, String description, Instant now) {
    return db.createQuery(
            """
            insert into workspaces as w (id, organization_id, name, description, created_at, updated_at)
            values (:id, :org, :name, nullif(:description, ''), :now, :now)
            returning %s
            """.formatted(COLUMNS))
        .bind("id", id)
        .bind("org", org)
        .bind("name", name)
        .bind("description", description)
        .bind("now", now)
        .map(rs -> map(rs))
        .one();
  }

  List<Workspace> list(UUID org, PageRequest page) {
    return db.createQuery(
            """
            select %s from workspaces w
             where w.organization_id = :org and (cast(:after as uuid) is null or w.id > :after)
             order by w.id
             limit :limit
            """.formatted(COLUMNS))
        .bind("org", org)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> map(rs))
        .list();
  }

  /** Changes the given fields (null: unchanged); an empty description clears it. */
  Workspace update(UUID id, UUID org, String name, String description, Instant now) {
    return db.createQuery(
            """
            update workspaces as w
               set name = coalesce(:name, name),
                   description = case when cast(:description as text) is null then description
                                      else nullif(:description, '') end,
                   updated_at = :now
             where id = :id and organization_id = :org
            returning %s
            """.formatted(COLUMNS))
        .bind("id", id)
        .bind("org", org)
        .bind("name", name)
        .bind("description", description)
        .bind("now", now)
        .map(rs -> map(rs))
        .one();
  }

  void delete(UUID id, UUID org) {
    db.createUpdate("delete from workspaces where id = :id and organization_id = :org").bind("id", id).bind("org", org).execute();
  }

  List<WorkspaceMember> members(UUID workspace, UUID org, PageRequest page) {
    return db.createQuery(
            """
            select %s
              from workspace_members wm join users u on u.id = wm.user_id
             where wm.workspace_id = :workspace and wm.organization_id = :org
               and (cast(:after as uuid) is null or wm.user_id > :after)
             order by wm.user_id
             limit :limit
            """.formatted(MEMBER_COLUMNS))
        .bind("workspace", workspace)
        .bind("org", org)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> member(rs))
        .list();
  }

  Optional<WorkspaceMember> member(UUID workspace, UUID org, UUID user) {
    return db.createQuery(
            """
            select %s
              from workspace_members wm join users u on u.id = wm.user_id
             where wm.workspace_id = :workspace and wm.organization_id = :org and wm.user_id = :user
            """.formatted(MEMBER_COLUMNS))
        .bind("workspace", workspace)
        .bind("org", org)
        .bind("user", user)
        .map(rs -> member(rs))
        .findOne();
  }

  /** Adds the organization member to the workspace; false when they are in it already. */
  boolean addMember(UUID workspace, UUID org, UUID user, String role) {
    return db.createUpdate(
            """
            insert into workspace_members (workspace_id, organization_id, user_id, role)
            values (:workspace, :org, :user, :role)
            on conflict (workspace_id, user_id) do nothing
            """)
        .bind("workspace", workspace)
        .bind("org", org)
        .bind("user", user)
        .bind("role", role)
        .execute() == 1;
  }

  void changeMemberRole(UUID workspace, UUID org, UUID user, String role) {
    db.createUpdate("update workspace_members set role = :role where workspace_id = :workspace and organization_id = :org and user_id = :user")
        .bind("workspace", workspace)
        .bind("org", org)
        .bind("user", user)
        .bind("role", role)
        .execute();
  }

  boolean removeMember(UUID workspace, UUID org, UUID user) {
    return db.createUpdate("delete from workspace_members where workspace_id = :workspace and organization_id = :org and user_id = :user")
        .bind("workspace", workspace)
        .bind("org", org)
        .bind("user", user)
        .execute() == 1;
  }

  private static Workspace map(ResultSet rs) throws SQLException {
    return new Workspace(
        rs.getObject("id", UUID.class),
        rs.getObject("organization_id", UUID.class),
        rs.getString("name"),
        rs.getString("description"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static WorkspaceMember member(ResultSet rs) throws SQLException {
    return new WorkspaceMember(
        rs.getObject("user_id", UUID.class),
        rs.getString("email"),
        rs.getString("full_name"),
        rs.getString("role"),
        instant(rs, "created_at"));
  }
}
