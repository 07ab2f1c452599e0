package dev.saaskit.themes.pages;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/themes/pages/{slug}}: one page of the organization, draft or published. */
public final class GetPage implements Endpoint<Void, Page> {

  @Override
  public Reply<Page> handle(Call<Void> call) {
    return new PageStore(call.db(), call.caller().organization()).find(call.path("slug"))
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("page"));
  }
}
