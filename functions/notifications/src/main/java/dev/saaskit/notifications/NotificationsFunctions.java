package dev.saaskit.notifications;

import dev.saaskit.notifications.feedback.RecordEmailFeedback;
import dev.saaskit.notifications.inbox.ArchiveNotification;
import dev.saaskit.notifications.inbox.ListNotifications;
import dev.saaskit.notifications.inbox.MarkAllNotificationsRead;
import dev.saaskit.notifications.inbox.MarkNotificationRead;
import dev.saaskit.notifications.preferences.GetPreferences;
import dev.saaskit.notifications.preferences.UpdatePreferences;
import dev.saaskit.notifications.providers.Providers;
import dev.saaskit.notifications.sending.DeliverNotifications;
import dev.saaskit.notifications.sending.Dispatcher;
import dev.saaskit.notifications.sending.DispatchNotifications;
import dev.saaskit.notifications.sending.GetNotification;
import dev.saaskit.notifications.sending.QueuedMessage;
import dev.saaskit.notifications.sending.SendNotification;
import dev.saaskit.notifications.templates.CreateTemplate;
import dev.saaskit.notifications.templates.DeleteTemplate;
import dev.saaskit.notifications.templates.GetTemplate;
import dev.saaskit.notifications.templates.ListTemplates;
import dev.saaskit.notifications.templates.UpdateTemplate;
import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Lazy;
import tools.jackson.databind.JsonNode;

/**
 * The notifications module's functions: templates, sending, the in-app inbox, preferences,
 * delivery from the queue, the dispatch schedule and SES's bounce reports. The initializer of the
 * notifications artifact. Mail and SMS providers are built on a container's first send.
 */
public final class NotificationsFunctions extends DomainFunctions {

  public NotificationsFunctions() {
    super("notifications");
  }

  @Override
  protected void register(Functions f) {
    Lazy<Dispatcher> dispatcher = new Lazy<>(() -> new Dispatcher(new Providers(f.platform().outbound())));

    f.http(CreateTemplate.class, CreateTemplate.Request.class, CreateTemplate::new);
    f.http(ListTemplates.class, Void.class, ListTemplates::new);
    f.http(GetTemplate.class, Void.class, GetTemplate::new);
    f.http(UpdateTemplate.class, UpdateTemplate.Request.class, UpdateTemplate::new);
    f.http(DeleteTemplate.class, Void.class, DeleteTemplate::new);

    f.http(SendNotification.class, SendNotification.Request.class, () -> new SendNotification(dispatcher.get()));
    f.http(GetNotification.class, Void.class, GetNotification::new);
    f.queue(DeliverNotifications.class, QueuedMessage.class, () -> new DeliverNotifications(dispatcher.get()));
    f.schedule(DispatchNotifications.class, () -> new DispatchNotifications(dispatcher.get()));

    f.http(ListNotifications.class, Void.class, ListNotifications::new);
    f.http(MarkNotificationRead.class, Void.class, MarkNotificationRead::new);
    f.http(MarkAllNotificationsRead.class, Void.class, MarkAllNotificationsRead::new);
    f.http(ArchiveNotification.class, Void.class, ArchiveNotification::new);

    f.http(GetPreferences.class, Void.class, GetPreferences::new);
    f.http(UpdatePreferences.class, UpdatePreferences.Request.class, UpdatePreferences::new);

    f.queue(RecordEmailFeedback.class, JsonNode.class, RecordEmailFeedback::new);
  }
}
