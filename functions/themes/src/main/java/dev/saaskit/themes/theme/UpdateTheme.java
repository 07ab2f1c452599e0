package dev.saaskit.themes.theme;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.themes.ThemeAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code PUT /api/v1/themes}: replaces the theme's colors, dark variant, fonts and custom CSS; the
 * logo and favicon stay. Each change counts a new version, which public pages link to.
 */
public final class UpdateTheme implements Endpoint<ThemeSettings, Theme> {

  @Override
  public Reply<Theme> handle(Call<ThemeSettings> call) {
    ThemeStore themes = new ThemeStore(call.db(), call.caller().organization());
    ThemeSettings before = themes.lockSettings().orElseThrow(() -> ApiException.notFound("theme"));
    ThemeSettings after = call.body().normalized();
    List<String> changed = changed(before, after);
    if (!changed.isEmpty()) {
      themes.update(after);
      call.audit(ThemeAction.THEME_UPDATED, "theme", call.caller().organization(), Map.of("changed", changed));
    }
    return Reply.ok(themes.find().orElseThrow());
  }

  private static List<String> changed(ThemeSettings before, ThemeSettings after) {
    List<String> changed = new ArrayList<>();
    if (!Objects.equals(before.colors(), after.colors())) {
      changed.add("colors");
    }
    if (!Objects.equals(before.dark(), after.dark())) {
      changed.add("dark");
    }
    if (!Objects.equals(before.fonts(), after.fonts())) {
      changed.add("fonts");
    }
    if (!Objects.equals(before.customCss(), after.customCss())) {
      changed.add("custom_css");
    }
    return changed;
  }
}
