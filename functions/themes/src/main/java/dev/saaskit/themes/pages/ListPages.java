package dev.saaskit.themes.pages;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;

/** {@code GET /api/v1/themes/pages}: the organization's pages, drafts included, oldest first. */
public final class ListPages implements Endpoint<Void, dev.saaskit.shared.http.Page<Page>> {

  @Override
  public Reply<dev.saaskit.shared.http.Page<Page>> handle(Call<Void> call) {
    PageRequest request = call.page();
    return Reply.ok(dev.saaskit.shared.http.Page.of(
        new PageStore(call.db(), call.caller().organization()).list(request), request, Page::id));
  }
}
