package dev.saaskit.identity;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestTokens;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks every identity route of the catalog with what no route may accept: broken bodies, expired,
 * forged and unsigned tokens, and bad tokens on public routes. Each answer is a 4xx problem+json.
 * Missing credentials, API keys, roles below the rule and other organizations' ids are {@link
 * RouteSecurityTest}'s.
 */
class IdentityRoutesTest {

  static List<FunctionSpec> routes() {
    return Catalog.bundled().inModule("identity").stream().filter(f -> f.http() != null).toList();
  }

  static String path(FunctionSpec f) {
    return f.http().path().replaceAll("\\{[a-z_]+\\}", UUID.randomUUID().toString());
  }

  static Api.Request request(FunctionSpec f) {
    return Api.request(f.http().method(), path(f));
  }

  static boolean readsBody(FunctionSpec f) {
    try {
      Class.forName(f.handler() + "$Request");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** A token that passes every access rule, on reads and on writes: an org_admin who is also super_admin. */
  static String strongToken() {
    Tenant tenant = Tenant.create();
    UUID admin = tenant.member(Role.ORG_ADMIN);
    TestDatabase.get().jdbi().useHandle(h -> h.execute("update users set platform_roles = array['super_admin'] where id = ?", admin));
    return TestTokens.get().accessToken(admin, tenant.organizationId(), Role.ORG_ADMIN, Role.SUPER_ADMIN);
  }

  @TestFactory
  Stream<DynamicTest> broken_bodies_are_4xx_before_any_work() {
    return routes().stream().filter(IdentityRoutesTest::readsBody).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      String token = strongToken();
      assertProblem(request(f).bearer(token).json("{\"email\": ").send(), 400, "malformed_json");
      assertProblem(request(f).bearer(token).json("[{}]").send(), 400, "malformed_json");
      assertProblem(request(f).bearer(token).json("\"a string\"").send(), 400, "malformed_json");
      assertProblem(request(f).bearer(token).json("null").send(), 400, "malformed_json");
      assertProblem(request(f).bearer(token).header("content-type", "application/json").send(), 400, "malformed_json");
      assertProblem(request(f).bearer(token).json("{\"surprise\": \"'; drop table users; --\"}").send(), 400, "validation_failed");
      assertProblem(request(f).bearer(token).body("{}".getBytes(), "text/plain", false).send(), 415, "unsupported_media_type");
      assertProblem(request(f).bearer(token).json("{\"x\": \"" + "a".repeat(1024 * 1024) + "\"}").send(), 413, "payload_too_large");
    }));
  }

  @TestFactory
  Stream<DynamicTest> signed_in_routes_refuse_expired_forged_and_unsigned_tokens() {
    return routes().stream().filter(f -> f.access().mode() != Access.Mode.PUBLIC).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      TestTokens tokens = TestTokens.get();
      var claims = tokens.claims(UUID.randomUUID(), UUID.randomUUID(), Role.ORG_ADMIN, Set.of(Role.SUPER_ADMIN));
      String expired = tokens.sign(claims.expirationTime(new Date(System.currentTimeMillis() - 60_000)).build());
      String otherKey = TestTokens.sign(claims.expirationTime(new Date(System.currentTimeMillis() + 60_000)).build(),
          TestTokens.generate(tokens.key().getKeyID()), new JOSEObjectType("at+jwt"));
      String idToken = TestTokens.sign(claims.build(), tokens.key(), JOSEObjectType.JWT);
      for (String bad : List.of(expired, otherKey, idToken, "garbage")) {
        assertProblem(request(f).bearer(bad).json("{}").send(), 401, "unauthenticated");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> public_routes_never_take_a_bad_token_as_anonymous() {
    return routes().stream().filter(f -> f.access().mode() == Access.Mode.PUBLIC).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      ApiResponse r = request(f).bearer("not-a-token").json("{}").send();
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.header("cache-control")).isEqualTo("no-store");
    }));
  }
}
