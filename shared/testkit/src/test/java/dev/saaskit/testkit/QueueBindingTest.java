package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An SQS batch: each message in its own transaction, failures reported one by one. */
class QueueBindingTest {

  static final String ARN = "arn:aws:sqs:us-east-1:000000000000:work";

  static int done(String id) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
        "select count(*) from audit_logs where action = 'work.done' and resource_id = :id").bind("id", id).mapTo(Integer.class).one());
  }

  static JsonNode deliver(List<String> bodies, int receiveCount) {
    return Json.tree(Lambda.invoke("do-work", Events.sqs(ARN, bodies, receiveCount).toString()));
  }

  @Test
  void a_poison_message_fails_alone() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    String poison = UUID.randomUUID().toString();
    var event = Events.sqs(ARN, List.of(
        "{\"id\": \"" + a + "\", \"poison\": false}",
        "{\"id\": \"" + poison + "\", \"poison\": true}",
        "{\"id\": \"" + b + "\", \"poison\": false}"), 1);
    String poisonMessageId = event.get("Records").get(1).path("messageId").asString();

    JsonNode response = Json.tree(Lambda.invoke("do-work", event.toString()));

    assertThat(response.path("batchItemFailures")).hasSize(1);
    assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asString()).isEqualTo(poisonMessageId);
    assertThat(done(a)).isEqualTo(1);
    assertThat(done(b)).isEqualTo(1);
    assertThat(done(poison)).isZero();
  }

  @Test
  void a_message_that_is_not_valid_json_or_not_the_type_fails() {
    JsonNode response = deliver(List.of("not json", "{\"unexpected\": 1}"), 1);
    assertThat(response.path("batchItemFailures")).hasSize(2);
  }

  @Test
  void the_receive_count_reaches_the_consumer() {
    String id = UUID.randomUUID().toString();
    deliver(List.of("{\"id\": \"" + id + "\", \"poison\": false}"), 3);
    int count = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
        "select (details->>'receive_count')::int from audit_logs where action = 'work.done' and resource_id = :id")
        .bind("id", id).mapTo(Integer.class).one());
    assertThat(count).isEqualTo(3);
  }

  @Test
  void an_empty_batch_succeeds() {
    assertThat(deliver(List.of(), 1).path("batchItemFailures")).isEmpty();
  }
}
