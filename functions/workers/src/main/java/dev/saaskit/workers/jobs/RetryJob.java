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
 * {@code POST /api/v1/workers/jobs/{id}/retry}: a failed job runs again from where it failed. Its
 * failed steps start over with fresh attempts, as do the steps canceled when it failed once their
 * predecessors are done; steps that succeeded keep their outputs and do not run again. Any other
 * job is 409 {@code job_not_failed}.
 */
public final class RetryJob implements Endpoint<Void, Job> {

  @Override
  public Reply<Job> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    UUID organization = call.caller().organization();
    JobStore jobs = new JobStore(call.db(), organization);
    Job job = jobs.lock(id).orElseThrow(() -> ApiException.notFound("job"));
    if (!job.status().equals(Job.FAILED)) {
      throw new ApiException(ProblemType.CONFLICT, "only a failed job is retried; this one is " + job.status())
          .code(WorkerProblem.JOB_NOT_FAILED);
    }
    Definition definition = new TemplateStore(call.db(), organization).definition(job.templateId(), job.templateVersion());
    jobs.reopen(id);
    new Progress(jobs, jobs.find(id).orElseThrow(), definition, organization, call::publish).advance();
    call.audit(WorkerAction.JOB_RETRIED, "worker_job", id, Map.of("error", job.error()));
    return Reply.ok(JobViews.withSteps(jobs, jobs.find(id).orElseThrow(), definition));
  }
}
