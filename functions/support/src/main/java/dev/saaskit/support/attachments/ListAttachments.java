package dev.saaskit.support.attachments;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.storage.ObjectStorage;
import dev.saaskit.support.tickets.Ticket;
import dev.saaskit.support.tickets.Tickets;
import dev.saaskit.support.tickets.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/support/tickets/{id}/attachments}: the ticket's available files, oldest first,
 * each with a presigned GET URL valid for {@link #DOWNLOAD_WINDOW} that downloads it as an
 * attachment under its name ({@code Content-Disposition: attachment}), so no file renders in the
 * browser. Uploads not completed are not listed.
 */
public final class ListAttachments implements Endpoint<Void, ListAttachments.Response> {

  static final Duration DOWNLOAD_WINDOW = Duration.ofMinutes(5);

  public record Response(List<Download> data) {}

  public record Download(Attachment.View attachment, String downloadUrl, Instant downloadExpiresAt) {}

  private final Supplier<ObjectStorage> storage;

  public ListAttachments(Supplier<ObjectStorage> storage) {
    this.storage = storage;
  }

  @Override
  public Reply<Response> handle(Call<Void> call) {
    Ticket ticket = new Tickets(call.db(), Viewer.of(call.caller())).find(call.pathId("id")).orElseThrow(() -> ApiException.notFound("ticket"));
    Instant expires = call.now().plus(DOWNLOAD_WINDOW);
    ObjectStorage files = storage.get();
    return Reply.ok(new Response(new Attachments(call.db()).available(ticket).stream()
        .map(a -> new Download(a.view(), files.presignDownload(a.objectKey(), a.contentType(), a.fileName(), DOWNLOAD_WINDOW).toString(), expires))
        .toList()));
  }
}
