package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

  static void key(String key, String age) {
    TestDatabase.get().jdbi().useHandle(h -> h.execute(
        "insert into idempotency_keys (owner, route, key, request_hash, status, created_at) values ('user:x', 'r', ?, 'h', 201, now() - cast(? as interval))",
        key, age));
  }

  static boolean exists(String key) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from idempotency_keys where key = ?")
        .bind(0, key).mapTo(Integer.class).one()) == 1;
  }

  @Test
  void deletes_idempotency_keys_older_than_a_day_and_keeps_the_rest() {
    String old = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    key(old, "25 hours");
    key(fresh, "1 hour");

    var result = Json.tree(Lambda.invoke("housekeeping", Events.scheduled("arn:aws:scheduler:us-east-1:0:schedule/default/housekeeping").toString()));

    assertThat(result.path("expired_idempotency_keys").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(exists(old)).isFalse();
    assertThat(exists(fresh)).isTrue();
  }
}
