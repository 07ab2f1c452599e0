package dev.saaskit.support.attachments;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.support.SupportAction;
import dev.saaskit.support.SupportProblem;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/support/tickets/{id}/attachments/{attachment_id}/complete}: after the upload,
 * checks the object in S3 and makes the file available. Not uploaded yet: 409 {@code
 * upload_missing}, try again after the upload. A size or type other than declared (where S3 did not
 * refuse the upload itself): the object and the declaration are deleted, 409 {@code
 * upload_mismatch}. Completing an available file again answers it as it is.
 */
public final class CompleteAttachment implements Endpoint<Void, Attachment.View> {

  private final Supplier<ObjectStorage> storage;

  public CompleteAttachment(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Attachment.View> handle(Call<Void> call) {
    Viewer viewer = Viewer.of(call.caller());
    Ticket ticket = new Tickets(call.db(), viewer).find(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    Attachments attachments = new Attachments(call.db());
    Attachment attachment = attachments.lock(ticket, call.pathId("attachment_id")).orElseThrow(() -> ApiException.notFound("attachment"));
    if (Attachment.AVAILABLE.equals(attachment.status())) {
      return Reply.ok(attachment.view());
    }
    ObjectStorage files = storage.get();
    Optional<ObjectStorage.StoredObject> stored = files.head(attachment.objectKey());
    if (stored.isEmpty()) {
      throw new ApiException(ProblemType.CONFLICT, "nothing was uploaded yet; PUT the file to the upload URL, then complete")
          .code(SupportProblem.UPLOAD_MISSING);
    }
    String storedType = AllowedFiles.mediaType(stored.get().contentType());
    if (stored.get().size() != attachment.sizeBytes() || !attachment.contentType().equals(storedType)) {
      files.delete(attachment.objectKey());
      attachments.delete(attachment);
      call.audit(ticket.organizationId(), viewer.userId(), SupportAction.ATTACHMENT_REJECTED, "support_attachment", attachment.id(),
          Map.of("declared_size_bytes", attachment.sizeBytes(), "size_bytes", stored.get().size(),
              "declared_content_type", attachment.contentType(), "content_type", String.valueOf(storedType)));
      throw new ApiException(ProblemType.CONFLICT, "the upload is " + stored.get().size() + " bytes of " + storedType + ", not the declared "
          + attachment.sizeBytes() + " bytes of " + attachment.contentType() + "; it was deleted: declare the file again")
          .code(SupportProblem.UPLOAD_MISMATCH)
          .keepChanges();
    }
    Attachment completed = attachments.complete(attachment, call.now());
    call.audit(ticket.organizationId(), viewer.userId(), SupportAction.ATTACHMENT_COMPLETED, "support_attachment", attachment.id(),
        Map.of("ticket_id", ticket.id()));
    return Reply.ok(completed.view());
  }
}
