package dev.saaskit.notifications.templates;

import dev.saaskit.notifications.Channel;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;

/**
 * {@code GET /api/v1/notifications/templates}: the organization's templates and the platform's
 * defaults ({@code platform_default: true}), latest versions, oldest first; {@code ?name=} and
 * {@code ?channel=} narrow it.
 */
public final class ListTemplates implements Endpoint<Void, Page<Template>> {

  @Override
  public Reply<Page<Template>> handle(Call<Void> call) {
    PageRequest page = call.page();
    String channel = call.query("channel").orElse(null);
    if (channel != null && !Channel.CODES.contains(channel)) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "channel must be one of " + Channel.CODES);
    }
    String name = call.query("name").orElse(null);
    if (name != null && !TemplateRules.NAME.matcher(name).matches()) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "name must be a template name (lower-case letters, digits and '_')");
    }
    return Reply.ok(Page.of(new Templates(call.db(), call.caller().organization()).list(page, name, channel), page, Template::id));
  }
}
