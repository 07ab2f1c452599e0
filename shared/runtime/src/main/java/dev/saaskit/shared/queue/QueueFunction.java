package dev.saaskit.shared.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.json.AwsEvents;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.outbox.SqsQueueSender;
import dev.saaskit.shared.runtime.Binding;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.runtime.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The binding between an SQS event source and a {@link QueueConsumer}: each message is parsed and
 * handled in its own transaction, and the ids of the messages that failed are reported back
 * ({@code ReportBatchItemFailures}), so one poison message never fails its neighbours. The event
 * arrives as bytes and is read here, once, like every binding's.
 */
public final class QueueFunction<M> implements Binding<SQSBatchResponse> {

  private final FunctionSpec spec;
  private final Class<M> messageType;
  private final Lazy<QueueConsumer<M>> consumer;
  private final Platform platform;

  public QueueFunction(FunctionSpec spec, Class<M> messageType, Supplier<? extends QueueConsumer<M>> consumer, Platform platform) {
    this.spec = spec;
    this.messageType = messageType;
    this.consumer = new Lazy<>(consumer);
    this.platform = platform;
  }

  /** Builds the consumer and the platform's shared parts; the event is read with the AWS event classes. */
  @Override
  public void prime() {
    consumer.get();
    AwsEvents.MAPPER.readerFor(SQSEvent.class);
    Json.MAPPER.readerFor(messageType);
    platform.prime();
  }

  @Override
  public SQSBatchResponse apply(byte[] eventJson) {
    SQSEvent event = AwsEvents.read(eventJson, SQSEvent.class);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    boolean cold = platform.firstInvocation();
    for (SQSEvent.SQSMessage record : records) {
      String correlation = attribute(record, SqsQueueSender.CORRELATION_ATTRIBUTE);
      String published = attribute(record, SqsQueueSender.PUBLISHED_ID_ATTRIBUTE);
      InvocationRecord log = new InvocationRecord(spec, record.getMessageId(), cold);
      cold = false;
      log.put("queue", ((dev.saaskit.shared.catalog.Trigger.Sqs) spec.trigger()).queue()).put("correlation_id", correlation);
      int receives = receiveCount(record);
      log.put("receive_count", receives);
      Throwable failure = null;
      UnitOfWork work = platform.newWork();
      try {
        M message = Json.read(record.getBody(), messageType);
        if (message instanceof OrganizationScoped scoped) {
          log.put("org_id", scoped.organizationId());
        }
        consumer.get().consume(new Delivery<>(message, record.getMessageId(), published != null ? published : record.getMessageId(), receives, correlation, work));
        work.commit();
      } catch (Throwable e) {
        failure = e;
        work.fail(e);
        failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(record.getMessageId()).build());
      } finally {
        work.close();
      }
      log.put("outcome", failure == null ? "processed" : "failed");
      if (failure != null) {
        log.put("error", Log.describe(failure));
      }
      log.write(failure != null, work.dbMillis(), work.statements());
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private static int receiveCount(SQSEvent.SQSMessage record) {
    Map<String, String> attributes = record.getAttributes();
    try {
      return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static String attribute(SQSEvent.SQSMessage record, String name) {
    var attributes = record.getMessageAttributes();
    if (attributes == null || !attributes.containsKey(name)) {
      return null;
    }
    return attributes.get(name).getStringValue();
  }
}
