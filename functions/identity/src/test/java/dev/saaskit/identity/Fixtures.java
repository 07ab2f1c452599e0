package dev.saaskit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.identity.sessions.OpaqueTokens;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestTokens;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.JsonNode;

/** Data the tenancy tests start from, written straight to the database, and what they check it with. */
public final class Fixtures {

  private Fixtures() {}

  public static Jdbi db() {
    return TestDatabase.get().jdbi();
  }

  /** A super_admin's access token; the super_admin is a plain user member of an organization of their own. */
  public static String superAdminToken() {
    Tenant home = Tenant.create();
    UUID user = home.member(Role.USER);
    db().useHandle(h -> h.execute("update users set platform_roles = array['super_admin'] where id = ?", user));
    return TestTokens.get().accessToken(user, home.organizationId(), Role.USER, Role.SUPER_ADMIN);
  }

  /** A new user, not a member of anything, and their email. */
  public static UUID user(String email) {
    UUID id = Ids.newId();
    db().useHandle(h -> h.execute("insert into users (id, email, full_name, email_verified_at) values (?, ?, ?, now())", id, email, "User " + email));
    return id;
  }

  public static String email(Tenant tenant, Role role) {
    return db().withHandle(h -> h.createQuery("select email from users where id = ?").bind(0, tenant.member(role)).mapTo(String.class).one());
  }

  /** A token of a live session scoped to the tenant, for a user added as a member with {@code role}. */
  public static String memberToken(Tenant tenant, UUID user, Role role) {
    db().useHandle(h -> h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, ?)",
        tenant.organizationId(), user, role.code()));
    return sessionToken(tenant, user, role);
  }

  /**
   * An access token of a live session (a {@link #session}) of a member of the tenant, as a sign-in
   * issues it; the tokens of {@link Tenant#token} name no session.
   */
  public static String sessionToken(Tenant tenant, UUID user, Role role) {
    UUID session = session(tenant, user);
    return TestTokens.get().sign(TestTokens.get().claims(user, tenant.organizationId(), role, Set.of()).claim("sid", session.toString()).build());
  }

  /**
   * A live session of the user scoped to the tenant, as auth's sign-in leaves it: the session row
   * and one refresh token. Returns the session's id.
   */
  public static UUID session(Tenant tenant, UUID user) {
    UUID id = Ids.newId();
    db().useTransaction(h -> {
      h.execute("insert into sessions (id, user_id, organization_id, created_at, last_used_at, expires_at)"
          + " values (?, ?, ?, now(), now(), now() + interval '30 days')", id, user, tenant.organizationId());
      h.execute("insert into refresh_tokens (token_hash, session_id, created_at, expires_at) values (?, ?, now(), now() + interval '30 days')",
          OpaqueTokens.hash(OpaqueTokens.generate()), id);
    });
    return id;
  }

  /** The sessions of the user scoped to the tenant that are still live. */
  public static int liveSessions(Tenant tenant, UUID user) {
    return count("select count(*) from sessions where user_id = ? and organization_id = ? and revoked_at is null", user, tenant.organizationId());
  }

  /** Suspends the user's membership of the tenant, as auth's {@code PUT /api/v1/users/{id}} with {@code active: false} does. */
  public static void suspend(Tenant tenant, UUID user) {
    db().useHandle(h -> h.execute("update organization_members set active = false where organization_id = ? and user_id = ?",
        tenant.organizationId(), user));
  }

  public static UUID workspace(Tenant tenant, String name) {
    UUID id = Ids.newId();
    db().useHandle(h -> h.execute("insert into workspaces (id, organization_id, name) values (?, ?, ?)", id, tenant.organizationId(), name));
    return id;
  }

  public static void workspaceMember(Tenant tenant, UUID workspace, UUID user, String role) {
    db().useHandle(h -> h.execute("insert into workspace_members (workspace_id, organization_id, user_id, role) values (?, ?, ?, ?)",
        workspace, tenant.organizationId(), user, role));
  }

  /** An invitation with a known token, expiring at {@code expiresAt}; returns the token. */
  public static String invitation(Tenant tenant, String email, Role role, Instant expiresAt) {
    String token = OpaqueTokens.generate();
    db().useHandle(h -> h.execute(
        "insert into invitations (id, organization_id, email, role, token_hash, invited_by, expires_at) values (?, ?, ?, ?, ?, ?, ?)",
        Ids.newId(), tenant.organizationId(), email, role.code(), OpaqueTokens.hash(token), tenant.member(Role.ORG_ADMIN), expiresAt));
    return token;
  }

  public static UUID invitationId(String token) {
    return db().withHandle(h -> h.createQuery("select id from invitations where token_hash = ?")
        .bind(0, OpaqueTokens.hash(token)).mapTo(UUID.class).one());
  }

  public static String inAWeek() {
    return Instant.now().plusSeconds(7 * 86400).toString();
  }

  public static void setPlan(Tenant tenant, String plan) {
    db().useHandle(h -> h.execute("update organizations set plan = ? where id = ?", plan, tenant.organizationId()));
  }

  public static int count(String sql, Object... args) {
    return db().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Integer.class).one();
    });
  }

  public static String role(Tenant tenant, UUID user) {
    return db().withHandle(h -> h.createQuery("select role from organization_members where organization_id = ? and user_id = ?")
        .bind(0, tenant.organizationId()).bind(1, user).mapTo(String.class).findOne().orElse(null));
  }

  public static List<Map<String, Object>> audit(UUID org, String action) {
    return db().withHandle(h -> h.createQuery(
            "select actor_user_id, resource_id, details::text as details from audit_logs where organization_id = ? and action = ? order by id")
        .bind(0, org).bind(1, action).mapToMap().list());
  }

  /**
   * Everything tenancy keeps of an organization: its row, members, invitations, workspaces with
   * their members, and its audit trail. Equal snapshots mean nothing of it changed.
   */
  public static List<Object> snapshot(Tenant tenant) {
    UUID org = tenant.organizationId();
    return db().withHandle(h -> List.of(
        h.createQuery("select name, slug, plan, settings::text, allowed_email_domains::text, updated_at, deleted_at from organizations where id = ?")
            .bind(0, org).mapToMap().list(),
        h.createQuery("select user_id, role, active from organization_members where organization_id = ? order by user_id").bind(0, org).mapToMap().list(),
        h.createQuery("select id, accepted_at, revoked_at from invitations where organization_id = ? order by id").bind(0, org).mapToMap().list(),
        h.createQuery("select id, name, description, updated_at from workspaces where organization_id = ? order by id").bind(0, org).mapToMap().list(),
        h.createQuery("select workspace_id, user_id, role from workspace_members where organization_id = ? order by workspace_id, user_id")
            .bind(0, org).mapToMap().list(),
        h.createQuery("select count(*) from audit_logs where organization_id = ?").bind(0, org).mapTo(Integer.class).one()));
  }

  /** The ids in a list page, in order ({@code user_id} for members). */
  public static List<String> ids(JsonNode page) {
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode n : page.path("data")) {
      ids.add(n.has("id") ? n.path("id").asString() : n.path("user_id").asString());
    }
    return ids;
  }
}
