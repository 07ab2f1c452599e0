package dev.saaskit.shared.logs;

import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.json.AwsEvents;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.runtime.Binding;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.runtime.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The binding between CloudWatch Logs subscriptions and a {@link LogsConsumer}: decodes the batch
 * and hands its lines to the consumer in one transaction. CloudWatch invokes asynchronously: a
 * failure throws, Lambda retries the event, and after its retries the deployment's on-failure
 * destination keeps it. A {@code CONTROL_MESSAGE} (CloudWatch checking the destination) is
 * acknowledged without work.
 */
public final class LogsFunction implements Binding<Map<String, Object>> {

  private final FunctionSpec spec;
  private final Lazy<LogsConsumer> consumer;
  private final Platform platform;

  public LogsFunction(FunctionSpec spec, Supplier<? extends LogsConsumer> consumer, Platform platform) {
    this.spec = spec;
    this.consumer = new Lazy<>(consumer);
    this.platform = platform;
  }

  @Override
  public void prime() {
    consumer.get();
    AwsEvents.MAPPER.readerFor(SubscriptionEvent.Data.class);
    platform.prime();
  }

  @Override
  public Map<String, Object> apply(byte[] eventJson) {
    InvocationRecord log = new InvocationRecord(spec, null, platform.firstInvocation());
    SubscriptionEvent.Data data;
    try {
      data = SubscriptionEvent.read(eventJson);
    } catch (RuntimeException e) {
      log.put("error", Log.describe(e));
      log.write(true, 0, 0);
      throw e;
    }
    log.put("log_group", data.logGroup()).put("log_events", data.logEvents().size());
    if (data.isControlMessage()) {
      log.put("result", Map.of("control_message", true));
      log.write(false, 0, 0);
      return Map.of("control_message", true);
    }
    UnitOfWork work = platform.newWork();
    try {
      Map<String, Object> result = new LinkedHashMap<>(consumer.get().consume(
          new LogBatch(spec.name(), data.logGroup(), data.logStream(), data.logEvents(), work)));
      work.commit();
      log.put("result", result);
      log.write(false, work.dbMillis(), work.statements());
      return result;
    } catch (RuntimeException e) {
      work.fail(e);
      log.put("error", Log.describe(e));
      log.write(true, work.dbMillis(), work.statements());
      throw e;
    }
  }
}
