package dev.saaskit.notifications.preferences;

import dev.saaskit.notifications.Category;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/notifications/preferences}: the signed-in member's choices in the token's
 * organization, every category and channel ({@code true}: received).
 */
public final class GetPreferences implements Endpoint<Void, GetPreferences.Response> {

  /** @param alwaysOn the categories that ignore preferences */
  public record Response(Map<String, Map<String, Boolean>> categories, List<String> alwaysOn) {

    static Response of(Preferences preferences) {
      return new Response(preferences.all(), List.of(Category.SECURITY.code()));
    }
  }

  @Override
  public Reply<Response> handle(Call<Void> call) {
    return Reply.ok(Response.of(new Preferences(call.db(), call.caller().organization(), call.caller().user())));
  }
}
