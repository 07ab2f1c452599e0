package dev.saaskit.notifications.sending;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/notifications/{id}}: a message of the caller's organization with its delivery
 * status. An org_admin or an API key with {@code notifications:read} sees every delivery; any other
 * member only a message they received, with their own deliveries and their in-app copy. Anything
 * else is 404, another organization's messages included.
 */
public final class GetNotification implements Endpoint<Void, NotificationView> {

  @Override
  public Reply<NotificationView> handle(Call<Void> call) {
    UUID id = call.pathId("id");
    Caller caller = call.caller();
    UUID organization = caller.organization();
    Notifications.Header header = Notifications.find(call.db(), id, organization).orElseThrow(() -> ApiException.notFound("notification"));
    boolean administers = caller.isApiKey() || caller.has(Role.ORG_ADMIN);
    UUID user = caller.userId();
    List<DeliveryView> deliveries = Notifications.deliveries(call.db(), id, organization, administers ? null : user);
    if (!administers && deliveries.isEmpty()) {
      throw ApiException.notFound("notification");
    }
    String subject = header.subject();
    String body = header.body();
    java.time.Instant readAt = null;
    java.time.Instant archivedAt = null;
    if (user != null) {
      var copy = dev.saaskit.notifications.inbox.Inbox.of(call.db(), organization, user).find(id);
      if (copy.isPresent()) {
        subject = copy.get().subject();
        body = copy.get().body();
        readAt = copy.get().readAt();
        archivedAt = copy.get().archivedAt();
      } else if (!administers) {
        subject = null;
        body = null;
      }
    }
    return Reply.ok(new NotificationView(header.id(), header.template(), header.category(), subject, body, header.sendAt(),
        header.createdAt(), readAt, archivedAt, deliveries));
  }
}
