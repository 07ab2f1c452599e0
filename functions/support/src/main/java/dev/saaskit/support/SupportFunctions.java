package dev.saaskit.support;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.shared.storage.S3ObjectStorage;
import dev.saaskit.support.attachments.CompleteAttachment;
import dev.saaskit.support.attachments.CreateAttachment;
import dev.saaskit.support.attachments.ListAttachments;
import dev.saaskit.support.attachments.PurgeUploads;
import dev.saaskit.support.comments.CreateComment;
import dev.saaskit.support.comments.ListComments;
import dev.saaskit.support.sla.CheckSla;
import dev.saaskit.support.sla.GetCalendar;
import dev.saaskit.support.sla.UpdateCalendar;
import dev.saaskit.support.tickets.CreateTicket;
import dev.saaskit.support.tickets.GetTicket;
import dev.saaskit.support.tickets.ListTickets;
import dev.saaskit.support.tickets.UpdateTicket;

/** The support module's functions; {@code MAIN_CLASS} of the support artifact. */
public final class SupportFunctions extends DomainFunctions {

  public SupportFunctions() {
    super("support");
  }

  @Override
  protected void register(Functions f) {
    // Only the functions that touch files build the S3 client, on their first request.
    Lazy<ObjectStorage> storage = new Lazy<>(() -> S3ObjectStorage.fromSettings(f.platform().outbound()));
    f.http(CreateTicket.class, CreateTicket.Request.class, CreateTicket::new);
    f.http(ListTickets.class, Void.class, ListTickets::new);
    f.http(GetTicket.class, Void.class, GetTicket::new);
    f.http(UpdateTicket.class, UpdateTicket.Request.class, UpdateTicket::new);
    f.http(CreateComment.class, CreateComment.Request.class, CreateComment::new);
    f.http(ListComments.class, Void.class, ListComments::new);
    f.http(CreateAttachment.class, CreateAttachment.Request.class, () -> new CreateAttachment(storage));
    f.http(CompleteAttachment.class, Void.class, () -> new CompleteAttachment(storage));
    f.http(ListAttachments.class, Void.class, () -> new ListAttachments(storage));
    f.http(GetCalendar.class, Void.class, GetCalendar::new);
    f.http(UpdateCalendar.class, UpdateCalendar.Request.class, UpdateCalendar::new);
    f.schedule(CheckSla.class, CheckSla::new);
    f.schedule(PurgeUploads.class, () -> new PurgeUploads(storage));
  }
}
