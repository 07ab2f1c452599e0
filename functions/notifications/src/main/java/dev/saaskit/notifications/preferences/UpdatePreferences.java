package dev.saaskit.notifications.preferences;

import dev.saaskit.notifications.Category;
import dev.saaskit.notifications.Channel;
import dev.saaskit.notifications.NotificationAction;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;

/**
 * {@code PUT /api/v1/notifications/preferences}: turns categories' channels on or off for the
 * signed-in member in the token's organization, e.g. {@code {"categories": {"updates": {"email":
 * false}}}}. What the body does not name stays as it was. Security messages cannot be turned off.
 */
public final class UpdatePreferences implements Endpoint<UpdatePreferences.Request, GetPreferences.Response> {

  public record Request(Map<String, Map<String, Boolean>> categories) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (!v.required("categories", categories)) {
        return;
      }
      categories.forEach((category, channels) -> {
        String field = "categories." + category;
        if (!Category.CODES.contains(category)) {
          v.add(field, "is not a category; categories are " + Category.CHOOSABLE);
        } else if (category.equals(Category.SECURITY.code())) {
          v.add(field, "security messages are always sent");
        } else if (v.required(field, channels)) {
          channels.forEach((channel, enabled) -> {
            if (!Channel.CODES.contains(channel)) {
              v.add(field + "." + channel, "is not a channel; channels are " + Channel.CODES);
            } else {
              v.required(field + "." + channel, enabled);
            }
          });
        }
      });
    }
  }

  @Override
  public Reply<GetPreferences.Response> handle(Call<Request> call) {
    Preferences preferences = new Preferences(call.db(), call.caller().organization(), call.caller().user());
    call.body().categories().forEach((category, channels) -> channels.forEach((channel, enabled) -> preferences.set(category, channel, enabled)));
    call.audit(NotificationAction.PREFERENCES_UPDATED, "user", call.caller().user(), Map.of("categories", call.body().categories()));
    return Reply.ok(GetPreferences.Response.of(preferences));
  }
}
