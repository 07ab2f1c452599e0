package dev.saaskit.themes.pages;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.themes.ThemeAction;
import java.util.Map;
import java.util.UUID;

/** {@code DELETE /api/v1/themes/pages/{slug}}: the page is gone, its public URL a 404. */
public final class DeletePage implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    String slug = call.path("slug");
    UUID id = new PageStore(call.db(), call.caller().organization()).delete(slug)
        .orElseThrow(() -> ApiException.notFound("page"));
    call.audit(ThemeAction.PAGE_DELETED, "page", id, Map.of("slug", slug));
    return Reply.noContent();
  }
}
