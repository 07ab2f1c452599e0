package dev.saaskit.notifications.inbox;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;

/** {@code POST /api/v1/notifications/{id}/archive}: moves a message of the caller's own inbox to the archive, read. */
public final class ArchiveNotification implements Endpoint<Void, InboxItem> {

  @Override
  public Reply<InboxItem> handle(Call<Void> call) {
    return Inbox.of(call.db(), call.caller().organization(), call.caller().user()).archive(call.pathId("id"))
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("notification"));
  }
}
