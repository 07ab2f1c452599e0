package dev.saaskit.identity.accounts;

import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.me;
import static dev.saaskit.identity.TestUsers.sql;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.PlainJWT;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestTokens;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetMeTest {

  final TestUsers.Account account = TestUsers.register();

  @Nested
  class Ok {
    @Test
    void the_profile_the_current_organization_and_every_organization_to_switch_to() {
      TestUsers.Account other = TestUsers.register();
      sql("insert into organization_members (organization_id, user_id, role) values (?, ?, 'user')", other.orgId(), account.userId());

      ApiResponse r = me(account.accessToken());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.path("id").asString()).isEqualTo(account.userId().toString());
      assertThat(json.path("email").asString()).isEqualTo(account.email());
      assertThat(json.path("email_verified").asBoolean()).isFalse();
      assertThat(json.path("pending_email").isNull()).isTrue();
      assertThat(json.path("full_name").asString()).isEqualTo("Ada Lovelace");
      assertThat(json.path("organization_id").asString()).isEqualTo(account.orgId().toString());
      assertThat(json.path("role").asString()).isEqualTo("org_admin");
      assertThat(json.path("organizations")).hasSize(2);
      assertThat(json.has("password_hash")).isFalse();
      assertThat(r.header("cache-control")).isEqualTo("no-store");
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void no_token_a_refresh_token_garbage_or_a_bad_scheme() {
      assertProblem(Api.get("/api/v1/me").send(), 401, "unauthenticated");
      assertProblem(me(account.refreshToken()), 401, "unauthenticated");
      assertProblem(me("' or 1=1 --"), 401, "unauthenticated");
      assertProblem(Api.get("/api/v1/me").header("authorization", "Basic " + account.accessToken()).send(), 401, "unauthenticated");
    }

    @Test
    void expired_forged_and_unsigned_access_tokens() {
      TestTokens tokens = TestTokens.get();
      var claims = tokens.claims(account.userId(), account.orgId(), Role.ORG_ADMIN, Set.of());
      assertProblem(me(tokens.sign(claims.expirationTime(new Date(System.currentTimeMillis() - 60_000)).build())), 401, "unauthenticated");
      String forged = TestTokens.sign(claims.expirationTime(new Date(System.currentTimeMillis() + 60_000)).build(),
          TestTokens.generate(tokens.key().getKeyID()), new JOSEObjectType("at+jwt"));
      assertProblem(me(forged), 401, "unauthenticated");
      String unsigned = new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("at+jwt")).build(), claims.build()).serialize();
      assertProblem(me(unsigned), 401, "unauthenticated");
      String tampered = account.accessToken().substring(0, account.accessToken().length() - 4) + "AAAA";
      assertProblem(me(tampered), 401, "unauthenticated");
    }

    @Test
    void an_account_deleted_since_the_token_was_issued() {
      sql("update users set deleted_at = now() where id = ?", account.userId());
      assertProblem(me(account.accessToken()), 401, "unauthenticated");
    }
  }
}
