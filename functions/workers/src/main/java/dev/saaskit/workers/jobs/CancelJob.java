package dev.saaskit.workers.jobs;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.workers.WorkerAction;
import dev.saaskit.workers.WorkerProblem;
import dev.saaskit.workers.engine.Progress;
import dev.saaskit.workers.templates.Definition;
import dev.saaskit.workers.templates.TemplateStore;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/workers/jobs/{id}/cancel}: the job is canceled at once; steps not started
 * never start, and running steps finish (their outcome is recorded, nothing after them runs). A
 * job that has ended is 409 {@code job_finished}.
 */
public final class CancelJob implements Endpoint<Void, Job> {

  @Override
  public Reply<Job> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    UUID organization = call.caller().organization();
    JobStore jobs = new JobStore(call.db(), organization);
    Job job = jobs.lock(id).orElseThrow(() -> ApiException.notFound("job"));
    if (!job.running()) {
      throw new ApiException(ProblemType.CONFLICT, "the job has ended (" + job.status() + "); there is nothing to cancel")
          .code(WorkerProblem.JOB_FINISHED);
    }
    Definition definition = new TemplateStore(call.db(), organization).definition(job.templateId(), job.templateVersion());
    new Progress(jobs, job, definition, organization, call::publish).cancel();
    call.audit(WorkerAction.JOB_CANCELED, "worker_job", id, Map.of("template_id", job.templateId()));
    return Reply.ok(JobViews.withSteps(jobs, jobs.find(id).orElseThrow(), definition));
  }
}
