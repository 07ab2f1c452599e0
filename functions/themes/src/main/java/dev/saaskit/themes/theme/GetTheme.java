package dev.saaskit.themes.theme;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code GET /api/v1/themes}: the organization's theme with its warnings. */
public final class GetTheme implements Endpoint<Void, Theme> {

  @Override
  public Reply<Theme> handle(Call<Void> call) {
    return new ThemeStore(call.db(), call.caller().organization()).find()
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("theme"));
  }
}
