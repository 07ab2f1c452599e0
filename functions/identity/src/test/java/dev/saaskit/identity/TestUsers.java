package dev.saaskit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Accounts for the identity tests, made through the API itself (register, login) unless a test needs a shortcut. */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";

  private TestUsers() {}

  /**
   * A signed-in account: what register or login answered. {@code orgId} is the organization its
   * tokens are scoped to, {@code homeOrgId} the one it created at sign-up.
   */
  public record Account(UUID userId, UUID orgId, UUID homeOrgId, String email, String password, String accessToken, String refreshToken) {

    Account withTokens(JsonNode signedIn) {
      return new Account(userId, UUID.fromString(signedIn.path("organization").path("id").asString()), homeOrgId, email, password,
          signedIn.path("access_token").asString(), signedIn.path("refresh_token").asString());
    }

  public   UUID sessionId() {
      return TestUsers.sessionOf(accessToken);
    }
  }

  public static String uniqueEmail() {
    return "u-" + UUID.randomUUID() + "@example.com";
  }

  /** A TEST-NET address of its own, so that failed sign-ins of one test never lock out another's IP. */
  public static String randomIp() {
    return Api.randomSourceIp();
  }

  public static ApiResponse registerResponse(String email, String password, String fullName, String organizationName) {
    return Api.post("/api/v1/register").sourceIp(randomIp())
        .json(Map.of("email", email, "password", password, "full_name", fullName, "organization_name", organizationName)).send();
  }

  /** A new account with an organization of its own, whose org_admin it is. */
  public static Account register() {
    String email = uniqueEmail();
    ApiResponse r = registerResponse(email, PASSWORD, "Ada Lovelace", "Analytical Engines");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode json = r.json();
    UUID org = UUID.fromString(json.path("organization").path("id").asString());
    return new Account(UUID.fromString(json.path("user").path("id").asString()), org, org, email, PASSWORD, json.path("access_token").asString(), json.path("refresh_token").asString());
  }

  public static ApiResponse login(String email, String password) {
    return login(email, password, randomIp());
  }

  public static ApiResponse login(String email, String password, String ip) {
    return Api.post("/api/v1/login").sourceIp(ip).json(Map.of("email", email, "password", password)).send();
  }

  /** Signs the account in again scoped to {@code org}: a new session. */
  public static Account loginTo(Account account, UUID org) {
    ApiResponse r = Api.post("/api/v1/login").sourceIp(randomIp())
        .json(Map.of("email", account.email(), "password", account.password(), "organization_id", org.toString())).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return account.withTokens(r.json());
  }

  /** A new account that is also a member of {@code org} with {@code role}, signed in there. */
  public static Account memberOf(UUID org, Role role) {
    Account account = register();
    sql("insert into organization_members (organization_id, user_id, role) values (?, ?, ?)", org, account.userId(), role.code());
    return loginTo(account, org);
  }

  /** An org_admin of its own organization who is also a super_admin, signed in afresh so the token carries the role. */
  public static Account superAdmin() {
    Account account = register();
    sql("update users set platform_roles = '{super_admin}' where id = ?", account.userId());
    return loginTo(account, account.orgId());
  }

  public static void sql(String statement, Object... args) {
    TestDatabase.execute(statement, args);
  }

  public static long count(String query, Object... args) {
    return TestDatabase.get().jdbi().withHandle(h -> {
      var q = h.createQuery(query);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  public static long audits(String action, UUID resourceId) {
    return count("select count(*) from audit_logs where action = ? and resource_id = ?", action, resourceId.toString());
  }

  public static UUID sessionOf(String accessToken) {
    try {
      return UUID.fromString(SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid"));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ApiResponse refresh(String refreshToken) {
    return Api.post("/api/v1/refresh").json(Map.of("refresh_token", refreshToken)).send();
  }

  public static ApiResponse me(String accessToken) {
    return Api.get("/api/v1/me").bearer(accessToken).send();
  }
}
