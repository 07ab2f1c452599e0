package dev.saaskit.workers.templates;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.workers.WorkerAction;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/workers/templates/{id}}: a whole new definition, stored as the template's next
 * version. Jobs already started keep running the version they started with; new jobs take this one.
 */
public final class UpdateTemplate implements Endpoint<Definition, Template> {

  @Override
  public Reply<Template> handle(Call<Definition> call) {
    UUID id = call.pathId("id");
    Definition definition = call.body();
    TemplateStore templates = new TemplateStore(call.db(), call.caller().organization());
    Template before = templates.lock(id).orElseThrow(() -> ApiException.notFound("workflow template"));
    TemplateNames.ensureFree(templates, definition.name(), id);
    int version = templates.newVersion(id, definition, call.caller().userId(), call.caller().apiKeyId());
    call.audit(WorkerAction.TEMPLATE_UPDATED, "worker_template", id, Map.of("name", definition.name(), "version", version,
        "previous_name", before.name()));
    return Reply.ok(templates.find(id).orElseThrow());
  }
}
