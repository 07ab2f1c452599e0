package dev.saaskit.themes.theme;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.themes.ThemeAction;
import dev.saaskit.themes.ThemeProblem;
import java.util.Map;

/** {@code POST /api/v1/themes}: the organization's theme, once; {@code PUT} changes it after. */
public final class CreateTheme implements Endpoint<ThemeSettings, Theme> {

  @Override
  public Reply<Theme> handle(Call<ThemeSettings> call) {
    ThemeStore themes = new ThemeStore(call.db(), call.caller().organization());
    if (!themes.insert(call.body().normalized())) {
      throw new ApiException(ProblemType.CONFLICT, "the organization has a theme; change it with PUT /api/v1/themes")
          .code(ThemeProblem.THEME_EXISTS);
    }
    call.audit(ThemeAction.THEME_CREATED, "theme", call.caller().organization(), Map.of());
    return Reply.created(themes.find().orElseThrow());
  }
}
