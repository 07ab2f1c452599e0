package dev.saaskit.workers.engine;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import dev.saaskit.workers.steps.StepFailure;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code workers-sweeper} schedule (every minute): finds steps whose message was lost and sends
 * them again, across organizations, in the run's one transaction (a run that fails changes nothing
 * and the next one tries again):
 *
 * <ul>
 *   <li>Claimed longer ago than {@link #STALE_CLAIM}, well past the step runner's timeout: the
 *       function running the attempt died. The attempt counts as failed and is tried again (after
 *       its back-off, while attempts are left) like any other failure; if the dead attempt's
 *       function comes back after all, its outcome no longer matches the step's version and is
 *       dropped.
 *   <li>Queued and due longer ago than {@link #LOST_MESSAGE}: its message never arrived (the
 *       publisher died before sending it, or the queue gave up on it). The same attempt is sent
 *       again; should the first message turn up too, only one of them claims the step.
 * </ul>
 */
public final class SweepJobSteps implements ScheduledJob {

  static final Duration STALE_CLAIM = Duration.ofMinutes(5);
  static final Duration LOST_MESSAGE = Duration.ofMinutes(5);
  static final int BATCH = 200;

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Handle db = run.db();
    int reclaimed = 0;
    for (Attempts.Found step : Attempts.staleClaims(db, STALE_CLAIM, BATCH)) {
      new Outcomes(db, step.organization(), run::publish).failed(step.jobId(), step.step(), step.attempts(), step.version(),
          new StepFailure("the attempt did not finish: its function stopped before recording an outcome", true));
      reclaimed++;
    }
    int resent = 0;
    for (Attempts.Found step : Attempts.lostMessages(db, LOST_MESSAGE, BATCH)) {
      if (new Attempts(db, step.organization()).resend(step.jobId(), step.step(), step.version())) {
        run.publish(StepMessage.QUEUE, new StepMessage(step.jobId(), step.step(), step.attempts() + 1, step.organization()));
        resent++;
      }
    }
    return Map.of("reclaimed", reclaimed, "resent", resent);
  }
}
