package dev.saaskit.workers.templates;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /api/v1/workers/templates/{id}}: a template at its current version, or {@code ?version=} an earlier one. */
public final class GetTemplate implements Endpoint<Void, Template> {

  @Override
  public Reply<Template> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    TemplateStore templates = new TemplateStore(call.db(), call.caller().organization());
    Optional<Template> template = call.query("version").isPresent() ? templates.find(id, version(call)) : templates.find(id);
    return Reply.ok(template.orElseThrow(() -> ApiException.notFound("workflow template")));
  }

  private static int version(Call<Void> call) {
    try {
      int version = Integer.parseInt(call.query("version").orElseThrow());
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // Answered below, as any other version that is not a positive whole number.
    }
    throw new ApiException(ProblemType.INVALID_PARAMETER, "version must be a whole number from 1");
  }
}
