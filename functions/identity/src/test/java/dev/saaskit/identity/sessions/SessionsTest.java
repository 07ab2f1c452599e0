package dev.saaskit.identity.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.runtime.Platform;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestEnvironment;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared session API other domains sign users in with, against the real schema. */
class SessionsTest {

  final UUID user = UUID.randomUUID();
  final UUID org = UUID.randomUUID();
  Sessions sessions;

  @BeforeEach
  void seed() {
    TestEnvironment.ensure();
    sessions = new Sessions(SigningKeys::fromSettings);
    TestDatabase.get().jdbi().useHandle(h -> {
      h.execute("insert into organizations (id, name, slug) values (?, 'Acme', ?)", org, "acme-" + org);
      h.execute("insert into users (id, email, full_name) values (?, ?, 'Ada')", user, user + "@example.com");
      h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, 'org_admin')", org, user);
    });
  }

  <T> T inTransaction(Function<dev.saaskit.shared.db.Handle, T> work) {
    return TestDatabase.get().withHandle(h -> h.inTransaction(work));
  }

  int revokeAllBut(UUID keep, Instant now) {
    return inTransaction(h -> Sessions.revokeAllOf(h, user, keep, "test", now));
  }

  boolean revoke(UUID session, Instant now) {
    return inTransaction(h -> Sessions.revoke(h, session, "test", now));
  }

  boolean live(UUID session, Instant now) {
    return inTransaction(h -> Sessions.isLive(h, session, user, now));
  }

  @Test
  void start_returns_a_verifiable_pair_and_stores_only_the_refresh_tokens_hash() throws Exception {
    Instant now = Instant.now();
    Sessions.TokenPair pair = inTransaction(h -> sessions.start(h,
        new Sessions.Grant(user, org, Role.ORG_ADMIN, Set.of(Role.SUPPORT_AGENT)), "203.0.113.9", "curl/8", now));

    assertThat(pair.tokenType()).isEqualTo("Bearer");
    assertThat(pair.expiresIn()).isEqualTo(900);
    assertThat(Base64.getUrlDecoder().decode(pair.refreshToken())).hasSize(32);
    Caller caller = new AccessTokens(JWKSet.parse(System.getProperty("JWT_JWKS")), Platform.issuer(), Platform.audience())
        .verify(pair.accessToken());
    assertThat(caller.userId()).isEqualTo(user);
    assertThat(caller.organizationId()).isEqualTo(org);
    assertThat(caller.orgRole()).isEqualTo(Role.ORG_ADMIN);
    assertThat(caller.platformRoles()).containsExactly(Role.SUPPORT_AGENT);

    Handle h = TestDatabase.get().jdbi().open();
    try (h) {
      byte[] stored = h.createQuery("select token_hash from refresh_tokens where session_id = ?")
          .bind(0, caller.sessionId()).mapTo(byte[].class).one();
      assertThat(stored).isEqualTo(OpaqueTokens.hash(pair.refreshToken()));
      assertThat(h.createQuery("select ip || ' ' || user_agent from sessions where id = ?").bind(0, caller.sessionId())
          .mapTo(String.class).one()).isEqualTo("203.0.113.9 curl/8");
      assertThat(live(caller.sessionId(), now)).isTrue();
    }
  }

  @Test
  void revoking_ends_the_session_once() {
    Instant now = Instant.now();
    Sessions.Grant grant = new Sessions.Grant(user, org, Role.USER, Set.of());
    String first = inTransaction(h -> sessions.start(h, grant, null, null, now)).accessToken();
    String second = inTransaction(h -> sessions.start(h, grant, null, null, now)).accessToken();
    UUID firstSession = sessionOf(first);
    UUID secondSession = sessionOf(second);

    assertThat(revokeAllBut(secondSession, now)).isEqualTo(1);
    assertThat(revoke(firstSession, now)).isFalse();
    assertThat(live(firstSession, now)).isFalse();
    assertThat(live(secondSession, now)).isTrue();
    assertThat(revoke(secondSession, now)).isTrue();
  }

  static UUID sessionOf(String accessToken) {
    try {
      return UUID.fromString(com.nimbusds.jwt.SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid"));
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
