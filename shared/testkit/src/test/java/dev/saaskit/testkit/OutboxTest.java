package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.outbox.SqsQueueSender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Messages are sent exactly when their transaction commits; what could not be sent, the relay sends. */
class OutboxTest {

  final String token = Tokens.member(UUID.randomUUID(), Role.USER);

  @BeforeEach
  void drain() {
    TestEnvironment.ensure();
    TestQueues.get().purge("work");
  }

  static int outboxRows(String thingId) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from outbox_messages where body like :id")
        .bind("id", "%" + thingId + "%").mapTo(Integer.class).one());
  }

  static List<Message> messagesFor(String thingId, int waitSeconds) {
    return TestQueues.get().take("work", waitSeconds).stream().filter(m -> m.body().contains(thingId)).toList();
  }

  @Test
  void a_committed_request_sends_its_message_with_the_request_id() {
    ApiResponse r = Api.post("/things").bearer(token).json("{\"name\": \"sent\"}").send();
    String id = r.json().path("id").asString();

    List<Message> messages = messagesFor(id, 2);
    assertThat(messages).hasSize(1);
    assertThat(Json.tree(messages.get(0).body()).path("id").asString()).isEqualTo(id);
    assertThat(messages.get(0).messageAttributes().get(SqsQueueSender.CORRELATION_ATTRIBUTE).stringValue())
        .isEqualTo(r.header("x-request-id"));
    assertThat(UUID.fromString(messages.get(0).messageAttributes().get(SqsQueueSender.PUBLISHED_ID_ATTRIBUTE).stringValue())).isNotNull();
    assertThat(outboxRows(id)).isZero();
  }

  @Test
  void a_rolled_back_request_sends_nothing_and_leaves_nothing() {
    ApiResponse r = Api.post("/things").bearer(token).json("{\"name\": \"rolled-back\", \"fail\": true}").send();

    assertThat(r.status()).isEqualTo(409);
    assertThat(TestQueues.get().take("work", 1)).isEmpty();
    int rows = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
        "select count(*) from audit_logs where details->>'name' = 'rolled-back'").mapTo(Integer.class).one());
    assertThat(rows).isZero();
  }

  @Test
  void a_message_whose_send_failed_after_commit_is_delivered_by_the_relay() {
    ApiResponse r = Api.post("/things").bearer(token).json("{\"name\": \"relayed\"}").sendToNewContainer(Map.of(
        "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9",
        "QUEUE_URL_WORK", "http://127.0.0.1:9/000000000000/work"));
    String id = r.json().path("id").asString();

    assertThat(r.status()).as("the change committed although its message could not be sent").isEqualTo(201);
    assertThat(outboxRows(id)).isEqualTo(1);
    assertThat(messagesFor(id, 1)).isEmpty();

    String outboxId = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select id::text from outbox_messages where body like :id")
        .bind("id", "%" + id + "%").mapTo(String.class).one());
    // The relay leaves a message to its publisher for a grace period; let it pass.
    TestDatabase.get().jdbi().useHandle(h -> h.execute("update outbox_messages set available_at = now() where body like ?", "%" + id + "%"));
    String result = Lambda.invoke("relay", Events.scheduled("arn:aws:scheduler:us-east-1:000000000000:schedule/default/relay").toString());

    assertThat(Json.tree(result).path("sent").asInt()).isGreaterThanOrEqualTo(1);
    List<Message> relayed = messagesFor(id, 2);
    assertThat(relayed).hasSize(1);
    assertThat(relayed.get(0).messageAttributes().get(SqsQueueSender.PUBLISHED_ID_ATTRIBUTE).stringValue())
        .as("the publisher's id of the message, the same however often it is sent").isEqualTo(outboxId);
    assertThat(outboxRows(id)).isZero();
  }
}
