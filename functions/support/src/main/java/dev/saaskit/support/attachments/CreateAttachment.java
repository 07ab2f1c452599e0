package dev.saaskit.support.attachments;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.limits.Limits;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import dev.saaskit.support.SupportAction;
import dev.saaskit.support.tickets.Status;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.TicketRules;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/support/tickets/{id}/attachments}: declares a file (name, type, size) and
 * answers a presigned PUT URL bound to that type and size, valid for {@link #UPLOAD_WINDOW}. The
 * declared bytes count against the organization's {@code storage_bytes} limit from now on (402
 * when they do not fit); {@code complete} makes the file available, and the purge removes it if
 * that never happens.
 */
public final class CreateAttachment implements Endpoint<CreateAttachment.Request, CreateAttachment.Response> {

  static final Duration UPLOAD_WINDOW = Duration.ofMinutes(10);

  public record Request(String fileName, String contentType, Long sizeBytes) implements Validatable {
    @Override
    public void validate(Violations v) {
      AllowedFiles.check(v, fileName, contentType, sizeBytes);
    }
  }

  /**
   * @param upload PUT the file's bytes to {@code url} with exactly these headers before {@code expires_at}
   */
  public record Response(Attachment.View attachment, Upload upload) {}

  public record Upload(String method, String url, Map<String, String> headers, Instant expiresAt) {}

  private final Supplier<ObjectStorage> storage;

  public CreateAttachment(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    Request r = call.body();
    Viewer viewer = Viewer.of(call.caller());
    Ticket ticket = new Tickets(call.db(), viewer).find(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    if (ticket.status() == Status.CLOSED) {
      throw TicketRules.closed();
    }
    Limits.ensureRoom(call.db(), ticket.organizationId(), Limits.Limit.STORAGE_BYTES, r.sizeBytes());
    Instant expires = call.now().plus(UPLOAD_WINDOW);
    UUID id = Ids.newId();
    Attachment attachment = new Attachments(call.db()).insert(ticket, id, viewer.userId(), r.fileName(), r.contentType(), r.sizeBytes(), expires);
    ObjectStorage.Upload upload = storage.get().presignUpload(attachment.objectKey(), r.contentType(), r.sizeBytes(), r.fileName(), UPLOAD_WINDOW);
    call.audit(ticket.organizationId(), viewer.userId(), SupportAction.ATTACHMENT_DECLARED, "support_attachment", id,
        Map.of("ticket_id", ticket.id(), "file_name", r.fileName(), "content_type", r.contentType(), "size_bytes", r.sizeBytes()));
    return Reply.created(new Response(attachment.view(), new Upload("PUT", upload.url().toString(), upload.headers(), expires)));
  }
}
