package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on POST: one effect per key, the same answer replayed. */
class IdempotencyTest {

  final UUID org = UUID.randomUUID();
  final String token = Tokens.member(org, Role.USER);

  ApiResponse create(String key, String body) {
    return Api.post("/things").bearer(token).idempotencyKey(key).json(body).send();
  }

  int thingsNamed(String name) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select count(*) from audit_logs where organization_id = :org and action = 'thing.created' and details->>'name' = :name")
        .bind("org", org).bind("name", name).mapTo(Integer.class).one());
  }

  @Nested
  class Ok {
    @Test
    void a_repeated_request_replays_the_first_answer_and_has_no_second_effect() {
      String key = UUID.randomUUID().toString();
      ApiResponse first = create(key, "{\"name\": \"once\"}");
      ApiResponse second = create(key, "{\"name\": \"once\"}");

      assertThat(first.status()).isEqualTo(201);
      assertThat(first.header("idempotent-replayed")).isNull();
      assertThat(second.status()).isEqualTo(201);
      assertThat(second.body()).isEqualTo(first.body());
      assertThat(second.header("location")).isEqualTo(first.header("location"));
      assertThat(second.header("idempotent-replayed")).isEqualTo("true");
      assertThat(thingsNamed("once")).isEqualTo(1);
    }

    @Test
    void concurrent_duplicates_in_two_containers_have_one_effect() {
      String key = UUID.randomUUID().toString();
      var first = Lambda.coldStart("create-thing");
      var second = Lambda.coldStart("create-thing");
      var request = Api.post("/things").bearer(token).idempotencyKey(key).json("{\"name\": \"raced\"}");
      var a = CompletableFuture.supplyAsync(() -> request.sendTo(first));
      var b = CompletableFuture.supplyAsync(() -> request.sendTo(second));

      assertThat(a.join().body()).isEqualTo(b.join().body());
      assertThat(thingsNamed("raced")).isEqualTo(1);
    }

    @Test
    void a_failed_request_keeps_no_claim_and_may_be_retried_with_the_same_key() {
      String key = UUID.randomUUID().toString();
      assertThat(create(key, "{\"name\": \"retried\", \"fail\": true}").status()).isEqualTo(409);
      assertThat(create(key, "{\"name\": \"retried\", \"fail\": true}").status()).isEqualTo(409);
      assertThat(thingsNamed("retried")).isZero();
    }

    @Test
    void keys_belong_to_their_caller() {
      String key = UUID.randomUUID().toString();
      create(key, "{\"name\": \"mine\"}");
      ApiResponse other = Api.post("/things").bearer(Tokens.member(org, Role.USER)).idempotencyKey(key).json("{\"name\": \"mine\"}").send();

      assertThat(other.status()).isEqualTo(201);
      assertThat(other.header("idempotent-replayed")).isNull();
      assertThat(thingsNamed("mine")).isEqualTo(2);
    }

    @Test
    void a_key_older_than_a_day_is_claimed_afresh() {
      String key = UUID.randomUUID().toString();
      ApiResponse first = create(key, "{\"name\": \"aged\"}");
      TestDatabase.get().jdbi().useHandle(h -> h.execute("update idempotency_keys set created_at = now() - interval '25 hours' where key = ?", key));
      ApiResponse again = create(key, "{\"name\": \"aged\"}");

      assertThat(again.header("idempotent-replayed")).isNull();
      assertThat(again.body()).isNotEqualTo(first.body());
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_key_that_is_too_long() {
      assertProblem(create("k".repeat(256), "{\"name\": \"x\"}"), 400, "invalid_parameter");
    }
  }

  @Nested
  class Unprocessable {
    @Test
    void the_same_key_with_another_body() {
      String key = UUID.randomUUID().toString();
      create(key, "{\"name\": \"first\"}");
      ApiResponse r = create(key, "{\"name\": \"second\"}");

      assertProblem(r, 422, "idempotency_key_reused");
      assertThat(thingsNamed("second")).isZero();
    }
  }
}
