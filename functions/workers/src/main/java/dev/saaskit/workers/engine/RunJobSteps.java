package dev.saaskit.workers.engine;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.outbox.Outbox;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import dev.saaskit.shared.runtime.Platform;
import dev.saaskit.workers.hosts.AllowedHostStore;
import dev.saaskit.workers.hosts.AllowedHosts;
import dev.saaskit.workers.jobs.Job;
import dev.saaskit.workers.jobs.JobStore;
import dev.saaskit.workers.jobs.StepState;
import dev.saaskit.workers.steps.StepFailure;
import dev.saaskit.workers.steps.Steps;
import dev.saaskit.workers.templates.Definition;
import dev.saaskit.workers.templates.TemplateStore;
import java.time.Duration;

/**
 * The consumer of {@code workers-steps}: one attempt of one step per message, in three parts.
 *
 * <ol>
 *   <li>Claim, in a transaction of its own committed before the step does anything: the step must be
 *       queued for exactly this attempt, due, its job running, and its organization below the plan's
 *       {@code concurrent_job_steps} (counted under the organization's row lock, so two claims cannot
 *       both take the last slot). A message for a step not due yet, or over the limit, is published
 *       again for later; one for anything else (a duplicate, a step done, a job canceled) is spent.
 *   <li>Run the step, holding no transaction and no lock.
 *   <li>Record the outcome against the claim's version in the delivery's transaction, and move the
 *       job on ({@link Outcomes}).
 * </ol>
 *
 * A duplicate delivery finds the step already claimed or done and does nothing; a function that
 * dies between 1 and 3 leaves a claim that the sweeper takes over.
 */
public final class RunJobSteps implements QueueConsumer<StepMessage> {

  private sealed interface Claim {}

  private record Spent() implements Claim {}

  private record Later(int seconds) implements Claim {}

  private record Claimed(int version, Definition.Step step, Steps.Input input) implements Claim {}

  private final Platform platform;
  private final Steps steps;

  public RunJobSteps(Platform platform, Steps steps) {
    this.platform = platform;
    this.steps = steps;
  }

  @Override
  public void consume(Delivery<StepMessage> delivery) {
    StepMessage m = delivery.message();
    Claim claim;
    try (Handle db = platform.database().open()) {
      claim = db.inTransaction(tx -> claim(tx, m));
    }
    switch (claim) {
      case Spent spent -> {
        // Nothing to do: the message is consumed.
      }
      case Later later -> delivery.publish(StepMessage.QUEUE, m, Duration.ofSeconds(later.seconds()));
      case Claimed claimed -> run(delivery, claimed);
    }
  }

  private Claim claim(Handle db, StepMessage m) {
    Attempts attempts = new Attempts(db, m.organizationId());
    Attempts.Waiting waiting = attempts.waiting(m.jobId(), m.step()).orElse(null);
    if (waiting == null || !waiting.status().equals(StepState.QUEUED) || waiting.attempts() != m.attempt() - 1
        || !waiting.jobStatus().equals(Job.RUNNING)) {
      return new Spent();
    }
    if (waiting.secondsToWait() > 0) {
      return new Later((int) Math.min(waiting.secondsToWait(), Outbox.MAX_DELAY.toSeconds()));
    }
    try {
      Limits.ensureRoom(db, m.organizationId(), Limits.Limit.CONCURRENT_JOB_STEPS, 1);
    } catch (ApiException e) {
      if (e.type() != ProblemType.LIMIT_EXCEEDED) {
        return new Spent();
      }
      int seconds = Backoff.deferral();
      attempts.postpone(m.jobId(), m.step(), seconds);
      return new Later(seconds);
    }
    Integer version = attempts.claim(m.jobId(), m.step(), m.attempt()).orElse(null);
    if (version == null) {
      return new Spent();
    }
    Job job = new JobStore(db, m.organizationId()).find(m.jobId()).orElseThrow();
    Definition definition = new TemplateStore(db, m.organizationId()).definition(job.templateId(), job.templateVersion());
    Definition.Step step = definition.step(m.step());
    AllowedHosts hosts = step.type().equals("http") ? new AllowedHostStore(db, m.organizationId()).read() : null;
    return new Claimed(version, step, new Steps.Input(m.organizationId(), job.id(), job.parameters(), attempts.outputs(job.id()), hosts));
  }

  private void run(Delivery<StepMessage> delivery, Claimed claimed) {
    StepMessage m = delivery.message();
    Outcomes outcomes = new Outcomes(delivery.db(), m.organizationId(), delivery::publish);
    Steps.Outcome outcome;
    try {
      outcome = steps.run(claimed.step(), claimed.input());
    } catch (StepFailure failure) {
      outcomes.failed(m.jobId(), m.step(), m.attempt(), claimed.version(), failure);
      return;
    }
    outcomes.succeeded(m.jobId(), m.step(), m.attempt(), claimed.version(), outcome);
  }
}
