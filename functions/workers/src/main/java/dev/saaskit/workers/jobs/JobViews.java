package dev.saaskit.workers.jobs;

import dev.saaskit.workers.templates.Definition;
import java.util.List;

/** A job with each of its steps, as {@code GET /api/v1/workers/jobs/{id}} and the job's changes answer it. */
final class JobViews {

  private JobViews() {}

  static Job withSteps(JobStore jobs, Job job, Definition definition) {
    List<JobStep> steps = jobs.steps(job.id()).stream().map(s -> {
      Definition.Step step = definition.step(s.key());
      return new JobStep(s.key(), step.type(), step.predecessors(), s.status(), s.attempts(), step.maxAttempts(),
          s.status().equals(StepState.QUEUED) ? s.runAt() : null, s.startedAt(), s.finishedAt(), s.output(), s.error());
    }).toList();
    return job.withSteps(steps);
  }
}
