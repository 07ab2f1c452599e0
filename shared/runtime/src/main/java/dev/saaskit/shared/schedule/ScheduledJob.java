package dev.saaskit.shared.schedule;

import java.util.Map;

/** Work a schedule runs. The returned counts are logged and returned as the invocation's result. */
@FunctionalInterface
public interface ScheduledJob {

  Map<String, Object> run(ScheduledRun run);
}
