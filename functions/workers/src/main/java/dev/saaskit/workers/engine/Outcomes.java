package dev.saaskit.workers.engine;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.workers.jobs.Job;
import dev.saaskit.workers.jobs.JobStore;
import dev.saaskit.workers.steps.StepFailure;
import dev.saaskit.workers.steps.Steps;
import dev.saaskit.workers.templates.Definition;
import dev.saaskit.workers.templates.TemplateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Records how an attempt ended and moves its job on, in one transaction with the job's row locked.
 * Nothing is recorded when the step's row is no longer at the version the attempt claimed: the
 * sweeper took the step over, and its outcome is someone else's to record.
 */
final class Outcomes {

  static final int MAX_OUTPUT_BYTES = 256 * 1024;

  private final Handle db;
  private final UUID organization;
  private final Progress.Messages messages;

  Outcomes(Handle db, UUID organization, Progress.Messages messages) {
    this.db = db;
    this.organization = organization;
    this.messages = messages;
  }

  /** A step attempt's output: recorded, a notify step's message published, and the job moved on while it runs. */
  void succeeded(UUID jobId, String step, int attempt, int version, Steps.Outcome outcome) {
    if (Json.write(outcome.output()).getBytes(StandardCharsets.UTF_8).length > MAX_OUTPUT_BYTES) {
      failed(jobId, step, attempt, version, new StepFailure("the output is larger than " + MAX_OUTPUT_BYTES / 1024 + " KiB", false));
      return;
    }
    JobStore jobs = new JobStore(db, organization);
    Job job = jobs.lock(jobId).orElse(null);
    if (job == null || !new Attempts(db, organization).succeed(jobId, step, version, outcome.output())) {
      return;
    }
    if (outcome.notification() != null) {
      messages.publish(Notification.QUEUE, outcome.notification(), Duration.ZERO);
    }
    if (job.running()) {
      progress(jobs, job).advance();
    }
  }

  /**
   * A failed attempt: another after a back-off while the step has attempts left, the failure is
   * worth another and the job still runs; otherwise the step fails, and with it the job.
   */
  void failed(UUID jobId, String step, int attempt, int version, StepFailure failure) {
    JobStore jobs = new JobStore(db, organization);
    Job job = jobs.lock(jobId).orElse(null);
    if (job == null) {
      return;
    }
    Progress progress = progress(jobs, job);
    Definition.Step definition = progress.definition().step(step);
    Attempts attempts = new Attempts(db, organization);
    if (failure.retryable() && attempt < definition.maxAttempts() && job.running()) {
      int seconds = Backoff.retry(definition.backoffSeconds(), attempt);
      if (attempts.retryLater(jobId, step, version, failure.getMessage(), seconds)) {
        progress.send(step, attempt + 1, seconds);
      }
    } else if (attempts.fail(jobId, step, version, failure.getMessage()) && job.running()) {
      progress.fail(step, failure.getMessage());
    }
  }

  private Progress progress(JobStore jobs, Job job) {
    Definition definition = new TemplateStore(db, organization).definition(job.templateId(), job.templateVersion());
    return new Progress(jobs, job, definition, organization, messages);
  }
}
