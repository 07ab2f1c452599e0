package dev.saaskit.workers.templates;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.workers.WorkerAction;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/workers/templates/{id}}: no new job can start from the template and its name
 * is free again; jobs already running finish with the version they started with.
 */
public final class DeleteTemplate implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    TemplateStore templates = new TemplateStore(call.db(), call.caller().organization());
    Template template = templates.lock(id).orElseThrow(() -> ApiException.notFound("workflow template"));
    templates.delete(id);
    call.audit(WorkerAction.TEMPLATE_DELETED, "worker_template", id, Map.of("name", template.name(), "version", template.version()));
    return Reply.noContent();
  }
}
