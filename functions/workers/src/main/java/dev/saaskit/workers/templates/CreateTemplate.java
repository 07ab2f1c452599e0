package dev.saaskit.workers.templates;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.workers.WorkerAction;
import java.util.Map;

/**
 * {@code POST /api/v1/workers/templates}: a new workflow template of the caller's organization, at
 * version 1. The definition is checked whole (DefinitionRules): a cycle, a reference to no step or a
 * parameter's default of the wrong type is a 400 naming the field.
 */
public final class CreateTemplate implements Endpoint<Definition, Template> {

  @Override
  public Reply<Template> handle(Call<Definition> call) {
    Definition definition = call.body();
    TemplateStore templates = new TemplateStore(call.db(), call.caller().organization());
    TemplateNames.ensureFree(templates, definition.name(), null);
    Template template = templates.insert(Ids.newId(), definition, call.caller().userId(), call.caller().apiKeyId());
    call.audit(WorkerAction.TEMPLATE_CREATED, "worker_template", template.id(), Map.of("name", template.name(), "version", 1));
    return Reply.created(template).withHeader("location", "/api/v1/workers/templates/" + template.id());
  }
}
