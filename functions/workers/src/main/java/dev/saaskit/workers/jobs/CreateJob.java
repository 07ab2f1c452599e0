package dev.saaskit.workers.jobs;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.workers.WorkerAction;
import dev.saaskit.workers.engine.Progress;
import dev.saaskit.workers.templates.Definition;
import dev.saaskit.workers.templates.ParameterTypes;
import dev.saaskit.workers.templates.Template;
import dev.saaskit.workers.templates.TemplateStore;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/workers/jobs}: starts a job of the template's current version with these
 * parameters (checked against the template's types, defaults filled in); the steps without
 * predecessors are queued at once. With an {@code Idempotency-Key}, the same request again answers
 * the job it started, and starts no other.
 */
public final class CreateJob implements Endpoint<CreateJob.Request, Job> {

  /** @param parameters an object with the template's parameters by name */
  public record Request(UUID templateId, JsonNode parameters) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.required("template_id", templateId);
    }
  }

  @Override
  public Reply<Job> handle(Call<Request> call) {
    UUID organization = call.caller().organization();
    TemplateStore templates = new TemplateStore(call.db(), organization);
    Template template = templates.find(call.body().templateId())
        .orElseThrow(() -> ApiException.invalid("template_id", "is not a workflow template of the organization"));
    Definition definition = templates.definition(template.id(), template.version());
    Violations v = new Violations();
    JsonNode parameters = ParameterTypes.resolve(v, definition.parametersOrNone(), call.body().parameters());
    v.throwIfAny();
    JobStore jobs = new JobStore(call.db(), organization);
    Job job = jobs.insert(Ids.newId(), template.id(), template.version(), parameters, definition, call.caller().userId(),
        call.caller().apiKeyId());
    new Progress(jobs, job, definition, organization, call::publish).advance();
    call.audit(WorkerAction.JOB_CREATED, "worker_job", job.id(), Map.of("template_id", template.id(), "template_version", template.version()));
    return Reply.created(JobViews.withSteps(jobs, jobs.find(job.id()).orElseThrow(), definition))
        .withHeader("location", "/api/v1/workers/jobs/" + job.id());
  }
}
