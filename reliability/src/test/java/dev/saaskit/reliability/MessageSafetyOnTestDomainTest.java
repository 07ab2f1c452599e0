package dev.saaskit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.hosting.LocalContainer;
import dev.saaskit.reliability.testdomain.ApplyEffect;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.QueuePump;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.TestEnvironment;
import dev.saaskit.testkit.TestQueues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Message safety (issue 22), counted, not sampled: {@code RELIABILITY_MESSAGES} messages (2,000 in the default
 * test command, 10,000 in {@code reliability/run}) go through a real consumer (the test domain's {@link ApplyEffect},
 * through the Lambda entry point, against the tests' PostgreSQL and SQS with its redrive policy), of which 10% fail
 * on purpose: 5% on their first delivery only, 5% on every delivery. Half-way through the consumer is killed: every
 * pump stops where it is, abandoning what it had received (before invoking it, or after the function committed and
 * before the messages were deleted), and a new set of cold containers takes over. Afterwards every message has
 * exactly one effect, or none and sits in the DLQ: checked message by message.
 */
class MessageSafetyOnTestDomainTest {

  private static final String QUEUE = "effects";
  private static final int PUMPS = 3;
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @BeforeAll
  static void tables() {
    org.junit.jupiter.api.Assumptions.assumeTrue("reliability-catalog.yaml".equals(System.getProperty("CATALOG_RESOURCE")),
        "runs on the reliability test domain's catalog (surefire execution test-domain)");
    TestEnvironment.ensure();
    TestDatabase.execute("create table if not exists reliability_effects (published_id text primary key, number int not null)");
    TestDatabase.execute("create table if not exists reliability_deliveries (published_id text not null, receive_count int not null)");
  }

  @AfterAll
  static void dropTables() {
    if (!"reliability-catalog.yaml".equals(System.getProperty("CATALOG_RESOURCE"))) {
      return;
    }
    // Leaves a shared database (CI's PgBouncer pass) with only the platform's tables.
    TestDatabase.execute("drop table if exists reliability_effects");
    TestDatabase.execute("drop table if exists reliability_deliveries");
  }

  @Test
  void every_message_has_exactly_one_effect_or_sits_in_the_dead_letter_queue() throws InterruptedException {
    int total = Integer.parseInt(Settings.get("RELIABILITY_MESSAGES", "2000"));
    String run = "rel-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    long started = System.nanoTime();

    Set<Integer> alwaysFailing = new HashSet<>();
    Set<Integer> failingOnce = new HashSet<>();
    send(total, run, alwaysFailing, failingOnce);

    Pumps first = new Pumps();
    first.start();
    while (effects(run) < (total - alwaysFailing.size()) / 2 && !expired(started)) {
      Thread.sleep(20);
    }
    first.kill();
    Pumps second = new Pumps();
    second.start();
    waitUntilQueueIsEmpty(started);
    second.kill();

    Set<Integer> deadLetters = new HashSet<>();
    int deadLetterMessages = 0;
    for (List<Message> batch = TestQueues.get().take(QUEUE + "-dlq", 1); !batch.isEmpty(); batch = TestQueues.get().take(QUEUE + "-dlq", 0)) {
      for (Message m : batch) {
        deadLetterMessages++;
        deadLetters.add(Json.MAPPER.readValue(m.body(), ApplyEffect.Message.class).number());
      }
    }
    List<Map<String, Object>> rows = TestDatabase.rows("select number from reliability_effects where published_id like ?", run + "%");
    List<Integer> applied = rows.stream().map(r -> ((Number) r.get("number")).intValue()).toList();
    long committedDeliveries = ((Number) TestDatabase.rows(
        "select count(*) as n from reliability_deliveries where published_id like ?", run + "%").get(0).get("n")).longValue();

    List<String> wrong = new ArrayList<>();
    Set<Integer> appliedSet = new HashSet<>(applied);
    for (int n = 0; n < total; n++) {
      boolean effect = appliedSet.contains(n);
      boolean dead = deadLetters.contains(n);
      if (effect == dead) {
        wrong.add(n + (effect ? ": applied and in the DLQ" : ": neither applied nor in the DLQ"));
      } else if (alwaysFailing.contains(n) != dead) {
        wrong.add(n + (dead ? ": in the DLQ though it fails only on purpose once or never" : ": applied though it always fails"));
      }
    }
    Figures.write("message-safety", figures(total, alwaysFailing, failingOnce, applied, deadLetters, deadLetterMessages,
        committedDeliveries, first, second, started));

    assertThat(wrong).as("messages without exactly one effect or a place in the DLQ").isEmpty();
    assertThat(applied).as("effect rows (the published id is the key)").hasSize(appliedSet.size()).hasSize(total - alwaysFailing.size());
    assertThat(deadLetterMessages).as("each failing message in the DLQ once").isEqualTo(alwaysFailing.size());
    assertThat(committedDeliveries).as("committed deliveries: one per applied message plus the duplicates absorbed")
        .isGreaterThanOrEqualTo(applied.size());
    assertThat(first.abandoned.get() + second.abandoned.get()).as("the kill abandoned messages in flight").isPositive();
  }

  private static void send(int total, String run, Set<Integer> alwaysFailing, Set<Integer> failingOnce) {
    SqsClient sqs = TestQueues.get().client();
    String url = TestQueues.get().url(QUEUE);
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int n = 0; n < total; n++) {
      ApplyEffect.Message message;
      if (n % 20 == 7) {
        alwaysFailing.add(n);
        message = new ApplyEffect.Message(n, "always", null);
      } else if (n % 20 == 13) {
        failingOnce.add(n);
        message = new ApplyEffect.Message(n, "until_receive", 1);
      } else {
        message = new ApplyEffect.Message(n, "none", null);
      }
      entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(entries.size())).messageBody(Json.write(message))
          .messageAttributes(Map.of("published_id", MessageAttributeValue.builder().dataType("String").stringValue(run + n).build()))
          .build());
      if (entries.size() == 10 || n == total - 1) {
        List<SendMessageBatchRequestEntry> batch = List.copyOf(entries);
        assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(batch)).failed()).isEmpty();
        entries.clear();
      }
    }
  }

  private static long effects(String run) {
    return ((Number) TestDatabase.rows("select count(*) as n from reliability_effects where published_id like ?", run + "%")
        .get(0).get("n")).longValue();
  }

  private static void waitUntilQueueIsEmpty(long started) throws InterruptedException {
    SqsClient sqs = TestQueues.get().client();
    String url = TestQueues.get().url(QUEUE);
    int emptyChecks = 0;
    while (emptyChecks < 3 && !expired(started)) {
      Map<QueueAttributeName, String> depth = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
      boolean empty = depth.values().stream().allMatch("0"::equals);
      emptyChecks = empty ? emptyChecks + 1 : 0;
      Thread.sleep(500);
    }
  }

  private static boolean expired(long started) {
    return System.nanoTime() - started > PATIENCE.toNanos();
  }

  private static Map<String, Object> figures(int total, Set<Integer> alwaysFailing, Set<Integer> failingOnce, List<Integer> applied,
      Set<Integer> deadLetters, int deadLetterMessages, long committedDeliveries, Pumps first, Pumps second, long started) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("messages", total);
    f.put("failing_always", alwaysFailing.size());
    f.put("failing_first_delivery", failingOnce.size());
    f.put("applied", applied.size());
    f.put("dead_letters", deadLetterMessages);
    f.put("dead_letter_distinct", deadLetters.size());
    f.put("committed_deliveries", committedDeliveries);
    f.put("duplicates_absorbed", committedDeliveries - applied.size());
    f.put("invocations", first.invocations.get() + second.invocations.get());
    f.put("abandoned_at_kill", first.abandoned.get() + second.abandoned.get());
    f.put("consumers_killed", 1);
    f.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    return f;
  }

  /**
   * Lambda's event source mapping for the queue, {@value #PUMPS} pollers each invoking a container of its own
   * through the testkit's {@link QueuePump}. {@link #kill()} stops them where they are: a batch received but not
   * yet invoked, or invoked but not yet deleted, or the next one received, is abandoned and comes back after the
   * visibility timeout.
   */
  private static final class Pumps {
    final AtomicBoolean killed = new AtomicBoolean();
    final AtomicInteger abandoned = new AtomicInteger();
    final AtomicInteger invocations = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    void start() {
      for (int i = 0; i < PUMPS; i++) {
        LocalContainer container = Lambda.coldStart("apply-effect");
        Thread t = new Thread(() -> pump(container), "reliability-pump-" + i);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    /**
     * Polls until killed. A kill between batches takes effect at the next batch received, which is abandoned: so the
     * kill always leaves messages in flight while the queue holds any, whatever the threads' timing; an empty receive
     * after the kill ends the pump.
     */
    private void pump(LocalContainer container) {
      while (true) {
        try {
          List<Message> delivered = QueuePump.once(QUEUE, event -> {
            int size = Json.tree(event).path("Records").size();
            if (killed.get()) {
              abandoned.addAndGet(size);
              throw new Killed();
            }
            String answer = Lambda.invoke(container, event);
            invocations.incrementAndGet();
            if (killed.get()) {
              abandoned.addAndGet(size);
              throw new Killed();
            }
            return answer;
          });
          if (killed.get() && delivered.isEmpty()) {
            return;
          }
        } catch (Killed k) {
          return;
        }
      }
    }

    void kill() throws InterruptedException {
      killed.set(true);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }

  private static final class Killed extends RuntimeException {
    Killed() {
      super("the consumer was killed", null, false, false);
    }
  }
}
