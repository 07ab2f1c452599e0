package dev.saaskit.workers.templates;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/workers/templates}: the organization's templates at their current versions, oldest first. */
public final class ListTemplates implements Endpoint<Void, Page<Template>> {

  @Override
  public Reply<Page<Template>> handle(Call<Void> call) {
    PageRequest page = call.page();
    return Reply.ok(Page.of(new TemplateStore(call.db(), call.caller().organization()).list(page), page, Template::id));
  }
}
