package dev.saaskit.workers.engine;

import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.outbox.Outbox;
import dev.saaskit.workers.jobs.Job;
import dev.saaskit.workers.jobs.JobStore;
import dev.saaskit.workers.jobs.StepState;
import dev.saaskit.workers.steps.Steps;
import dev.saaskit.workers.templates.Definition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves a job on after a change, with the job's row locked: pending steps whose predecessors are
 * done are queued (a message each, so parallel branches run as separate messages) or skipped; a
 * job whose steps are all done succeeds; a step that failed for good fails the job. A job's ending
 * is told through the notifications queue when its template asks for it.
 */
public final class Progress {

  /** Where the job's messages go: the outbox of the request, delivery or schedule run making the change. */
  @FunctionalInterface
  public interface Messages {
    void publish(String queue, Object message, Duration delay);
  }

  private final JobStore jobs;
  private final Job job;
  private final Definition definition;
  private final UUID organization;
  private final Messages messages;

  public Progress(JobStore jobs, Job job, Definition definition, UUID organization, Messages messages) {
    this.jobs = jobs;
    this.job = job;
    this.definition = definition;
    this.organization = organization;
    this.messages = messages;
  }

  /**
   * Queues every pending step whose predecessors are all done, skips those a branch did not choose
   * or whose predecessors were all skipped (which may free their successors in turn), and ends the
   * job when every step is done.
   */
  public void advance() {
    Map<String, StepState> steps = new LinkedHashMap<>();
    jobs.steps(job.id()).forEach(s -> steps.put(s.key(), s));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Definition.Step step : definition.steps()) {
        StepState state = steps.get(step.key());
        List<StepState> predecessors = step.predecessors().stream().map(steps::get).toList();
        if (!state.status().equals(StepState.PENDING) || !predecessors.stream().allMatch(StepState::done)) {
          continue;
        }
        if (notChosen(step, steps) || (!predecessors.isEmpty() && predecessors.stream().allMatch(p -> p.status().equals(StepState.SKIPPED)))) {
          jobs.skip(job.id(), step.key());
          steps.put(step.key(), state.withStatus(StepState.SKIPPED));
          changed = true;
        } else {
          int delay = step.type().equals("delay") ? step.delay().seconds() : 0;
          jobs.queue(job.id(), step.key(), delay);
          send(step.key(), state.attempts() + 1, delay);
          steps.put(step.key(), state.withStatus(StepState.QUEUED));
        }
      }
    }
    if (steps.values().stream().allMatch(StepState::done)) {
      end(Job.SUCCEEDED, null);
    }
  }

  Definition definition() {
    return definition;
  }

  /** A step failed for good: the job fails, and what has not started is canceled; running steps finish. */
  public void fail(String step, String error) {
    jobs.cancelWaiting(job.id());
    end(Job.FAILED, "step '" + step + "' failed: " + error);
  }

  /** Nothing new starts; running steps finish. */
  public void cancel() {
    jobs.cancelWaiting(job.id());
    end(Job.CANCELED, null);
  }

  /** Publishes the message for attempt {@code attempt} of a step, due in {@code delaySeconds}. */
  void send(String step, int attempt, int delaySeconds) {
    long hold = Math.min(delaySeconds, Outbox.MAX_DELAY.toSeconds());
    messages.publish(StepMessage.QUEUE, new StepMessage(job.id(), step, attempt, organization), Duration.ofSeconds(hold));
  }

  /** A step whose predecessor is a branch that named it and chose the other way. */
  private boolean notChosen(Definition.Step step, Map<String, StepState> steps) {
    for (String key : step.predecessors()) {
      Definition.Step predecessor = definition.step(key);
      StepState state = steps.get(key);
      if (predecessor.type().equals("branch") && state.status().equals(StepState.SUCCEEDED) && names(predecessor.branch(), step.key())
          && !Steps.chosen(state.output()).contains(step.key())) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(Definition.Branch branch, String key) {
    return (branch.then() != null && branch.then().contains(key)) || (branch.otherwise() != null && branch.otherwise().contains(key));
  }

  private void end(String status, String error) {
    jobs.end(job.id(), status, error);
    Definition.JobNotice notice = definition.jobNotice();
    if (notice != null && notice.on().contains(status)) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("job_id", job.id().toString());
      variables.put("template_name", definition.name());
      variables.put("status", status);
      variables.put("error", error == null ? "" : error);
      messages.publish(Notification.QUEUE, new Notification(notice.template(), notice.to(), variables, organization), Duration.ZERO);
    }
  }
}
