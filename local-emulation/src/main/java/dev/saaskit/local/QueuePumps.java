package dev.saaskit.local;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.catalog.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, one pump per consumer of the catalog: polls the queue, gathers
 * up to {@code batch_size} messages within the {@code batching_window}, invokes the consumer with
 * the SQS event, and deletes the messages it did not report as failed. Failed messages (all of
 * them, when the invocation itself fails) stay on the queue, come back after the visibility timeout,
 * and the queue's redrive policy moves them to the DLQ after {@code max_receives}.
 */
final class QueuePumps implements AutoCloseable {

  /** Long-poll wait; also how long stopping may take. */
  private static final int POLL_SECONDS = 1;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final LocalAws aws;
  private final FunctionContainers containers;
  private final String region;

  QueuePumps(LocalAws aws, FunctionContainers containers, String region) {
    this.aws = aws;
    this.containers = containers;
    this.region = region;
  }

  void start(Catalog catalog) {
    for (FunctionSpec f : catalog.functions()) {
      if (f.trigger() instanceof Trigger.Sqs sqs) {
        Thread t = new Thread(() -> pump(f, sqs), "queue-" + sqs.queue());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }
  }

  private void pump(FunctionSpec function, Trigger.Sqs trigger) {
    SqsClient sqs = aws.sqs();
    String url = aws.queueUrl(trigger.queue());
    String arn = aws.queueArn(trigger.queue());
    while (running.get()) {
      try {
        List<Message> batch = gather(sqs, url, trigger);
        if (!batch.isEmpty() && running.get()) {
          deliver(function, trigger, sqs, url, arn, batch);
        }
      } catch (SdkException e) {
        if (running.get()) {
          Console.line("queue " + trigger.queue() + ": SQS did not answer (" + LocalPostgres.firstLine(e) + "); polling again in 2 s");
          sleep(2000);
        }
      }
    }
  }

  /** Receives until the batch is full, or the batching window has passed (at once when it is 0). */
  private List<Message> gather(SqsClient sqs, String url, Trigger.Sqs trigger) {
    List<Message> batch = new ArrayList<>();
    long windowEnds = 0;
    while (running.get() && batch.size() < trigger.batchSize()) {
      int wait = POLL_SECONDS;
      if (!batch.isEmpty()) {
        long left = windowEnds - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait = (int) Math.min(POLL_SECONDS, Math.max(0, left / 1_000_000_000L));
      }
      int max = Math.min(10, trigger.batchSize() - batch.size());
      int waitSeconds = wait;
      List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
      if (batch.isEmpty() && !received.isEmpty()) {
        windowEnds = System.nanoTime() + trigger.batchingWindowSeconds() * 1_000_000_000L;
      }
      batch.addAll(received);
      if (!batch.isEmpty() && trigger.batchingWindowSeconds() == 0 && received.size() < max) {
        break;
      }
    }
    return batch;
  }

  private void deliver(FunctionSpec function, Trigger.Sqs trigger, SqsClient sqs, String url, String arn, List<Message> batch) {
    long start = System.nanoTime();
    byte[] event = QueueEvents.event(batch, arn, region).toString().getBytes(StandardCharsets.UTF_8);
    Set<String> failed;
    try {
      failed = QueueEvents.failedIds(containers.invoke(function, event));
    } catch (FunctionContainers.InvocationFailure | RuntimeException e) {
      Console.line("queue " + trigger.queue() + " -> " + function.name() + ": " + batch.size() + " message(s), invocation FAILED in "
          + Console.millis(start) + " (" + e.getMessage() + "); all stay on the queue");
      return;
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message m : batch) {
      if (!failed.contains(m.messageId())) {
        done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(done.size())).receiptHandle(m.receiptHandle()).build());
      }
    }
    for (int i = 0; i < done.size(); i += 10) {
      List<DeleteMessageBatchRequestEntry> chunk = done.subList(i, Math.min(done.size(), i + 10));
      sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(chunk));
    }
    Console.line("queue " + trigger.queue() + " -> " + function.name() + ": " + batch.size() + " message(s), " + failed.size() + " failed"
        + (failed.isEmpty() ? "" : " (they come back after the visibility timeout; after " + trigger.maxReceives()
            + " receives the queue moves them to " + trigger.queue() + "-dlq)")
        + " in " + Console.millis(start));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join((POLL_SECONDS + 2) * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
