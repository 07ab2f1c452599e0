package dev.saaskit.workers.jobs;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.workers.templates.TemplateStore;

/** {@code GET /api/v1/workers/jobs/{id}}: a job and each of its steps: status, attempts, timings, output and error. */
public final class GetJob implements Endpoint<Void, Job> {

  @Override
  public Reply<Job> handle(Call<Void> call) {
    JobStore jobs = new JobStore(call.db(), call.caller().organization());
    Job job = jobs.find(call.pathId("id")).orElseThrow(() -> ApiException.notFound("job"));
    return Reply.ok(JobViews.withSteps(jobs, job,
        new TemplateStore(call.db(), call.caller().organization()).definition(job.templateId(), job.templateVersion())));
  }
}
