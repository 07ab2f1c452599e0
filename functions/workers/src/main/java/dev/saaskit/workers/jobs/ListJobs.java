package dev.saaskit.workers.jobs;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Page;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/workers/jobs}: the organization's jobs, oldest first, without their steps;
 * {@code ?status=} (running, succeeded, failed, canceled) and {@code ?template_id=} narrow the list.
 */
public final class ListJobs implements Endpoint<Void, Page<Job>> {

  private static final List<String> STATUSES = List.of(Job.RUNNING, Job.SUCCEEDED, Job.FAILED, Job.CANCELED);

  @Override
  public Reply<Page<Job>> handle(Call<Void> call) {
    PageRequest page = call.page();
    String status = call.query("status").orElse(null);
    if (status != null && !STATUSES.contains(status)) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "status must be one of " + STATUSES);
    }
    UUID template = call.query("template_id").map(ListJobs::uuid).orElse(null);
    return Reply.ok(Page.of(new JobStore(call.db(), call.caller().organization()).list(page, status, template), page, Job::id));
  }

  private static UUID uuid(String value) {
    UUID id = Ids.parse(value);
    if (id == null) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "template_id must be a UUID");
    }
    return id;
  }
}
