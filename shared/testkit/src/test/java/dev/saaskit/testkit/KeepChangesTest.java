package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A problem thrown with {@code keepChanges()} answers with the problem and still commits what the
 * request wrote (how a failed sign-in is counted), sends its messages, and is replayed for its
 * Idempotency-Key like any stored answer.
 */
class KeepChangesTest {

  final UUID org = UUID.randomUUID();
  final String token = Tokens.member(org, Role.USER);

  int audited(String name) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select count(*) from audit_logs where organization_id = :org and action = 'thing.created' and details->>'name' = :name")
        .bind("org", org).bind("name", name).mapTo(Integer.class).one());
  }

  @Test
  void the_problem_is_answered_and_the_writes_are_committed() {
    TestQueues.get().purge("work");
    ApiResponse r = Api.post("/things").bearer(token).json("{\"name\": \"kept\", \"fail\": true, \"keep_changes\": true}").send();

    assertProblem(r, 409, "conflict");
    assertThat(audited("kept")).isEqualTo(1);
    assertThat(TestQueues.get().take("work", 5)).hasSize(1);
  }

  @Test
  void without_it_nothing_is_committed() {
    ApiResponse r = Api.post("/things").bearer(token).json("{\"name\": \"dropped\", \"fail\": true}").send();

    assertProblem(r, 409, "conflict");
    assertThat(audited("dropped")).isZero();
  }

  @Test
  void the_kept_problem_is_replayed_for_its_idempotency_key() {
    String key = UUID.randomUUID().toString();
    String body = "{\"name\": \"kept-once\", \"fail\": true, \"keep_changes\": true}";
    ApiResponse first = Api.post("/things").bearer(token).idempotencyKey(key).json(body).send();
    ApiResponse second = Api.post("/things").bearer(token).idempotencyKey(key).json(body).send();

    assertProblem(first, 409, "conflict");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("idempotent-replayed")).isEqualTo("true");
    assertThat(audited("kept-once")).isEqualTo(1);
  }
}
