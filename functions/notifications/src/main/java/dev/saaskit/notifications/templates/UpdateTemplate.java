package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.Category;
import dev.saaskit.notifications.NotificationAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code PUT /api/v1/notifications/templates/{id}}: new content for one of the organization's
 * templates, as its next version. Messages already made keep the version they were made with; name,
 * channel and locale stay. The platform's defaults are not changed here (403 {@code platform_template}).
 */
public final class UpdateTemplate implements Endpoint<UpdateTemplate.Request, Template> {

  public record Request(String category, String subject, String body, String htmlBody, List<String> variables) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.oneOf("category", category, Category.CODES);
      TemplateRules.content(v, null, subject, body, htmlBody, variables);
    }
  }

  @Override
  public Reply<Template> handle(Call<Request> call) {
    Request r = call.body();
    UUID id = call.pathId("id");
    Templates templates = new Templates(call.db(), call.caller().organization());
    Template before = TemplateAccess.ownOrRefuse(templates, id);
    Violations forChannel = new Violations();
    TemplateRules.content(forChannel, before.channel(), r.subject(), r.body(), r.htmlBody(), r.variables());
    forChannel.throwIfAny();
    List<String> variables = r.variables() == null ? List.of() : r.variables();
    String category = TemplateRules.category(r.category(), variables, templates.platformDefault(before.name(), before.channel()));
    int version = templates.newVersion(id, category, new Templates.Content(r.subject(), r.body(), r.htmlBody(), variables),
        call.caller().userId(), call.caller().apiKeyId());
    call.audit(NotificationAction.TEMPLATE_UPDATED, "notification_template", id, Map.of("name", before.name(), "version", version));
    return Reply.ok(templates.find(id, null).orElseThrow());
  }
}
