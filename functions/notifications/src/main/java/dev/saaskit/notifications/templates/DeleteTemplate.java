package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.NotificationAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.Map;
import java.util.UUID;

/**
 * {@code DELETE /api/v1/notifications/templates/{id}}: the organization's template is gone from
 * lists and sends; an override's platform default applies again. Its versions stay for the messages
 * made with them.
 */
public final class DeleteTemplate implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    Templates templates = new Templates(call.db(), call.caller().organization());
    Template template = TemplateAccess.ownOrRefuse(templates, id);
    templates.delete(id);
    call.audit(NotificationAction.TEMPLATE_DELETED, "notification_template", id,
        Map.of("name", template.name(), "channel", template.channel(), "locale", template.locale()));
    return Reply.noContent();
  }
}
