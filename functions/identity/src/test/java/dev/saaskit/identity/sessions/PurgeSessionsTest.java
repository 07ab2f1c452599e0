package dev.saaskit.identity.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PurgeSessionsTest {

  @Test
  void deletes_what_sign_in_leaves_behind_once_it_no_longer_matters() {
    UUID org = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    UUID ended = UUID.randomUUID();
    UUID live = UUID.randomUUID();
    String subject = "email:" + user + "@example.com";
    TestDatabase.get().jdbi().useHandle(h -> {
      h.execute("insert into organizations (id, name, slug) values (?, 'Old', ?)", org, "old-" + org);
      h.execute("insert into users (id, email, full_name) values (?, ?, 'Old')", user, user + "@example.com");
      h.execute("""
          insert into sessions (id, user_id, organization_id, created_at, last_used_at, expires_at, revoked_at)
          values (?, ?, ?, now() - interval '60 days', now() - interval '60 days', now() - interval '31 days', now() - interval '31 days'),
                 (?, ?, ?, now(), now(), now() + interval '30 days', null)
          """, ended, user, org, live, user, org);
      h.execute("insert into refresh_tokens (token_hash, session_id, created_at, expires_at) values (sha256('a'::bytea), ?, now(), now() + interval '1 day')", ended);
      h.execute("insert into refresh_tokens (token_hash, session_id, created_at, expires_at) values (sha256(?::bytea), ?, now(), now() + interval '1 day')",
          live.toString(), live);
      h.execute("insert into user_tokens (token_hash, user_id, purpose, email, created_at, expires_at) values (sha256(?::bytea), ?, 'reset_password', 'x', now() - interval '3 days', now() - interval '2 days')",
          user.toString(), user);
      h.execute("insert into login_throttles (subject, failures, last_failure_at) values (?, 3, now() - interval '2 days')", subject);
    });

    var result = Json.tree(Lambda.invoke("purge-sessions", Events.scheduled("arn:aws:scheduler:us-east-1:0:schedule/default/purge-sessions").toString()));

    assertThat(result.path("ended_sessions").asInt()).isGreaterThanOrEqualTo(1);
    TestDatabase.get().jdbi().useHandle(h -> {
      assertThat(h.createQuery("select count(*) from sessions where user_id = ?").bind(0, user).mapTo(Integer.class).one()).isEqualTo(1);
      assertThat(h.createQuery("select count(*) from refresh_tokens where session_id = ?").bind(0, live).mapTo(Integer.class).one()).isEqualTo(1);
      assertThat(h.createQuery("select count(*) from user_tokens where user_id = ?").bind(0, user).mapTo(Integer.class).one()).isZero();
      assertThat(h.createQuery("select count(*) from login_throttles where subject = ?").bind(0, subject).mapTo(Integer.class).one()).isZero();
    });
  }
}
