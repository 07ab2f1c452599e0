package dev.saaskit.notifications.inbox;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/notifications}: the signed-in member's in-app inbox in the token's
 * organization, newest first: everything not archived, or {@code ?status=unread|read|archived};
 * with the counts of each and a cursor ({@code ?limit=&cursor=}).
 */
public final class ListNotifications implements Endpoint<Void, ListNotifications.Response> {

  public record Response(List<InboxItem> data, String nextCursor, Inbox.Counts counts) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    PageRequest page = call.page();
    Inbox.View view = call.query("status").map(ListNotifications::view).orElse(Inbox.View.INBOX);
    Inbox inbox = Inbox.of(call.db(), call.caller().organization(), call.caller().user());
    Page<InboxItem> items = Page.of(inbox.list(view, page), page, InboxItem::id);
    return Reply.ok(new Response(items.data(), items.nextCursor(), inbox.counts()));
  }

  private static Inbox.View view(String status) {
    return switch (status) {
      case "unread", "read", "archived" -> Inbox.View.valueOf(status.toUpperCase(Locale.ROOT));
      default -> throw new ApiException(ProblemType.INVALID_PARAMETER, "status must be unread, read or archived");
    };
  }
}
