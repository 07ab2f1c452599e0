package dev.saaskit.shared.schedule;

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
 * The binding between an EventBridge schedule and a {@link ScheduledJob}. A failed run throws, so
 * the scheduler's retry policy applies; the next scheduled run starts afresh either way.
 */
public final class ScheduleFunction implements Binding<Map<String, Object>> {

  private final FunctionSpec spec;
  private final Lazy<ScheduledJob> job;
  private final Platform platform;

  public ScheduleFunction(FunctionSpec spec, Supplier<? extends ScheduledJob> job, Platform platform) {
    this.spec = spec;
    this.job = new Lazy<>(job);
    this.platform = platform;
  }

  @Override
  public void prime() {
    job.get();
    AwsEvents.MAPPER.readerFor(ScheduledEvent.class);
    platform.prime();
  }

  @Override
  public Map<String, Object> apply(byte[] eventJson) {
    ScheduledEvent event = AwsEvents.read(eventJson, ScheduledEvent.class);
    InvocationRecord log = new InvocationRecord(spec, event.id(), platform.firstInvocation());
    UnitOfWork work = platform.newWork();
    try {
      Map<String, Object> result = new LinkedHashMap<>(job.get().run(new ScheduledRun(event, platform, work)));
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
