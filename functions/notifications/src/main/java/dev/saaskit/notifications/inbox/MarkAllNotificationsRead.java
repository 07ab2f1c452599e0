package dev.saaskit.notifications.inbox;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;

/** {@code POST /api/v1/notifications/read-all}: marks every unread message of the caller's inbox read. */
public final class MarkAllNotificationsRead implements Endpoint<Void, MarkAllNotificationsRead.Response> {

  /** @param marked how many messages were unread */
  public record Response(int marked) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    return Reply.ok(new Response(Inbox.of(call.db(), call.caller().organization(), call.caller().user()).markAllRead()));
  }
}
