package dev.saaskit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.local.testdomain.PoisonConsumer;
import dev.saaskit.shared.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue path end to end, whichever SQS the emulator uses: good messages are consumed and
 * deleted, a poison message is received {@code max_receives} (2) times and then lands in the DLQ.
 */
final class QueueScenario {

  /** Bounds every wait; the scenario normally takes a few seconds (visibility timeout 1 s, 2 receives). */
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  private QueueScenario() {}

  static void poisonMessageLandsInTheDeadLetterQueue(LocalEmulator emulator) throws InterruptedException {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String good = "good-" + run;
    String viaEndpoint = "endpoint-" + run;
    String poison = "poison-" + run;
    try (SqsClient sqs = Emulators.sqs(emulator)) {
      sqs.sendMessage(r -> r.queueUrl(emulator.queueUrl("probe")).messageBody(body(good, false))
          .messageAttributes(Map.of("correlation_id", MessageAttributeValue.builder().dataType("String").stringValue("req-" + run).build())));
      sqs.sendMessage(r -> r.queueUrl(emulator.queueUrl("probe")).messageBody(body(poison, true)));
      HttpResponse<String> published = Emulators.send(Emulators.request(emulator, "/_local/queues/probe/messages")
          .POST(HttpRequest.BodyPublishers.ofString(body(viaEndpoint, false))));
      assertThat(published.statusCode()).isEqualTo(202);

      List<Message> deadLetters = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (deadLetters.isEmpty() && System.nanoTime() < deadline) {
        deadLetters.addAll(sqs.receiveMessage(r -> r.queueUrl(emulator.queueUrl("probe-dlq")).waitTimeSeconds(1)
            .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.ALL)).messages());
      }

      assertThat(deadLetters).as("the poison message in probe-dlq").hasSize(1);
      assertThat(deadLetters.get(0).body()).contains(poison);
      assertThat(PoisonConsumer.PROCESSED).contains(good, viaEndpoint).doesNotContain(poison);
      assertThat(PoisonConsumer.POISON_RECEIVES).as("receive counts of the poison message").containsExactly(1, 2);
      Map<QueueAttributeName, String> left = sqs.getQueueAttributes(r -> r.queueUrl(emulator.queueUrl("probe")).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
      assertThat(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
      assertThat(left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isEqualTo("0");
    }
  }

  private static String body(String text, boolean poison) {
    return Json.write(new PoisonConsumer.Message(text, poison));
  }
}
