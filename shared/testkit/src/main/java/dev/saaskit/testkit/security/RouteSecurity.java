package dev.saaskit.testkit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestTokens;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Security checks that walk the catalog, so every route a module adds is covered without a line of
 * test code: without credentials a route that is not public answers 401; with every role below its
 * rule, 403, and on a write also with a token whose role was lowered or whose membership was
 * suspended after it was issued; with an API key where it takes none, 401, and without the route's scopes, 403; and,
 * with another organization's ids, by token or by key, 404 while the other organization's data
 * stays as it was.
 */
public final class RouteSecurity {

  private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)\\}");

  private RouteSecurity() {}

  public static void assertEveryRouteNeedsCredentials(String module) {
    List<String> problems = new ArrayList<>();
    for (FunctionSpec route : guardedRoutes(module)) {
      ApiResponse r = call(route, randomParameters(route), null, null);
      expect(problems, route, "without credentials", r, 401, "unauthenticated");
      if (!route.access().acceptsApiKeys()) {
        ApiResponse key = call(route, randomParameters(route), "vk_live_" + "x".repeat(32), null);
        expect(problems, route, "with an API key", key, 401, "unauthenticated");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Calls every route with a role rule as each role the rule does not admit: every organization
   * role below it and a support_agent, and, where the route takes API keys, a key of the same
   * organization without the route's scopes. Each must be refused with 403.
   */
  public static void assertRolesAreEnforced(String module) {
    List<String> problems = new ArrayList<>();
    Tenant tenant = Tenant.create();
    for (FunctionSpec route : guardedRoutes(module)) {
      for (Role role : rolesBelow(route.access())) {
        String token = role == Role.SUPPORT_AGENT
            ? TestTokens.get().accessToken(tenant.member(Role.USER), tenant.organizationId(), Role.USER, Role.SUPPORT_AGENT)
            : tenant.token(role);
        ApiResponse r = call(route, randomParameters(route), token, null);
        expect(problems, route, "as " + role.code(), r, 403, "forbidden");
      }
      if (route.access().acceptsApiKeys()) {
        ApiResponse r = call(route, randomParameters(route), tenant.apiKey("no:such-scope").secret(), null);
        expect(problems, route, "with an API key without its scopes", r, 403, "insufficient_scope");
      }
      if (!route.access().roles().isEmpty() && !route.http().method().equals("GET")) {
        staleRoles(problems, route);
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * A write with a token whose role was lowered, or whose membership was suspended, after it was
   * issued: refused (403 {@code role_changed}) although the token still says the role.
   */
  private static void staleRoles(List<String> problems, FunctionSpec route) {
    Set<Role> rule = route.access().roles();
    Optional<Role> admitted = Stream.of(Role.ORG_ADMIN, Role.BILLING_ADMIN, Role.USER).filter(rule::contains).findFirst();
    if (admitted.isEmpty()) {
      // Only platform roles pass: a token claiming one the account does not hold (any more).
      Role platform = rule.stream().filter(Role::isPlatformRole).findFirst().orElseThrow();
      Tenant t = Tenant.create();
      String token = TestTokens.get().accessToken(t.member(Role.USER), t.organizationId(), Role.USER, platform);
      expectRoleChanged(problems, route, "with " + platform.code() + " withdrawn", call(route, randomParameters(route), token, null));
      return;
    }
    Optional<Role> lower = Stream.of(Role.USER, Role.BILLING_ADMIN, Role.ORG_ADMIN).filter(r -> !rule.contains(r)).findFirst();
    if (lower.isPresent()) {
      Tenant t = Tenant.create();
      String token = t.token(admitted.get());
      membership(t, admitted.get(), "role = '" + lower.get().code() + "'");
      expectRoleChanged(problems, route, "as " + admitted.get().code() + " lowered to " + lower.get().code(),
          call(route, randomParameters(route), token, null));
    }
    Tenant t = Tenant.create();
    String token = t.token(admitted.get());
    membership(t, admitted.get(), "active = false");
    expectRoleChanged(problems, route, "as a suspended " + admitted.get().code(), call(route, randomParameters(route), token, null));
  }

  private static void membership(Tenant t, Role role, String change) {
    TestDatabase.get().jdbi().useHandle(h -> h.execute(
        "update organization_members set " + change + " where organization_id = ? and user_id = ?", t.organizationId(), t.member(role)));
  }

  private static void expectRoleChanged(List<String> problems, FunctionSpec route, String as, ApiResponse r) {
    expect(problems, route, as, r, 403, "forbidden");
    if (r.status() == 403 && !"role_changed".equals(r.json().path("code").asString())) {
      problems.add(route.name() + " (" + route.http().routeKey() + ") " + as + ": expected code role_changed, got " + r.body());
    }
  }

  /**
   * For every route of the module that addresses something an organization owns, calls it as
   * organization B's admin with organization A's ids and expects 404, with A's data unchanged; where
   * the route takes API keys, the same with B's key holding the route's scopes. Then makes the same
   * call as A's own admin, which must not be a 404: otherwise the case never reached A's resource
   * and B's 404 proved nothing. A route with path parameters must have a
   * case, or be listed in {@code exempt} with the reason.
   */
  public static void assertTenantIsolation(String module, Map<String, IsolationCase> cases, Map<String, String> exempt) {
    List<String> problems = new ArrayList<>();
    for (FunctionSpec route : guardedRoutes(module)) {
      IsolationCase isolation = cases.get(route.name());
      if (isolation == null) {
        if (PARAMETER.matcher(route.http().path()).find() && !exempt.containsKey(route.name())) {
          problems.add(route.name() + ": addresses a resource by id but has no isolation case (or exemption with a reason)");
        }
        continue;
      }
      Tenant a = Tenant.create();
      Tenant b = Tenant.create();
      IsolationCase.Target target = isolation.prepare(a);
      Object before = isolation.snapshot(a);
      ApiResponse r = call(route, target.pathParameters(), b.token(Role.ORG_ADMIN), target.body());
      expect(problems, route, "as another organization's admin", r, 404, null);
      if (route.access().acceptsApiKeys()) {
        String key = b.apiKey(route.access().apiKeyScopes().toArray(String[]::new)).secret();
        ApiResponse byKey = call(route, target.pathParameters(), key, target.body());
        expect(problems, route, "with another organization's API key", byKey, 404, null);
      }
      Object after = isolation.snapshot(a);
      if (!before.equals(after)) {
        problems.add(route.name() + ": changed organization A's data: before " + before + ", after " + after);
      }
      ApiResponse own = call(route, target.pathParameters(), a.token(Role.ORG_ADMIN), target.body());
      if (own.status() == 404 || own.status() >= 500) {
        problems.add(route.name() + ": the case does not reach organization A's resource: as A's own admin it answered "
            + own.status() + " " + own.body());
      }
    }
    for (String name : cases.keySet()) {
      if (Catalog.bundled().named(name).isEmpty()) {
        problems.add(name + ": has an isolation case but is not in the catalog");
      }
    }
    assertThat(problems).isEmpty();
  }

  private static List<FunctionSpec> guardedRoutes(String module) {
    return Catalog.bundled().inModule(module).stream()
        .filter(f -> f.http() != null && f.access().mode() == Access.Mode.SIGNED_IN)
        .toList();
  }

  /** The roles a rule does not admit: organization roles and support_agent (super_admin passes every rule it names). */
  private static List<Role> rolesBelow(Access access) {
    if (access.roles().isEmpty()) {
      return List.of();
    }
    return EnumSet.of(Role.USER, Role.BILLING_ADMIN, Role.ORG_ADMIN, Role.SUPPORT_AGENT).stream()
        .filter(role -> !access.roles().contains(role))
        .filter(role -> role != Role.SUPPORT_AGENT || !access.roles().contains(Role.USER))
        .toList();
  }

  private static Map<String, String> randomParameters(FunctionSpec route) {
    Map<String, String> parameters = new java.util.HashMap<>();
    Matcher m = PARAMETER.matcher(route.http().path());
    while (m.find()) {
      parameters.put(m.group(1), UUID.randomUUID().toString());
    }
    return parameters;
  }

  private static ApiResponse call(FunctionSpec route, Map<String, String> parameters, String bearer, String body) {
    String path = route.http().path();
    for (var p : parameters.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    String method = route.http().method().equals("ANY") ? "GET" : route.http().method();
    Api.Request request = Api.request(method, path);
    if (bearer != null) {
      request.bearer(bearer);
    }
    if (body != null || Set.of("POST", "PUT", "PATCH").contains(method)) {
      request.json(body == null ? "{}" : body);
    }
    return request.send();
  }

  private static void expect(List<String> problems, FunctionSpec route, String as, ApiResponse r, int status, String problem) {
    boolean ok = r.status() == status && (problem == null || problem.equals(r.problem()));
    if (!ok) {
      problems.add(route.name() + " (" + route.http().routeKey() + ") " + as + ": expected " + status
          + (problem == null ? "" : " " + problem) + ", got " + r.status() + " " + r.body());
    }
  }
}
