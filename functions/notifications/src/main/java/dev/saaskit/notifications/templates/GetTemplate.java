package dev.saaskit.notifications.templates;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;

/**
 * {@code GET /api/v1/notifications/templates/{id}}: one of the organization's templates or a
 * platform default, at its latest version or {@code ?version=n}.
 */
public final class GetTemplate implements Endpoint<Void, Template> {

  @Override
  public Reply<Template> handle(Call<Void> call) {
    Integer version = call.query("version").map(GetTemplate::version).orElse(null);
    return new Templates(call.db(), call.caller().organization()).find(call.pathId("id"), version)
        .map(Reply::ok)
        .orElseThrow(() -> ApiException.notFound("template"));
  }

  private static Integer version(String raw) {
    try {
      int version = Integer.parseInt(raw);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // Answered below, as any other version that is not a positive whole number.
    }
    throw new ApiException(ProblemType.INVALID_PARAMETER, "version must be a whole number from 1");
  }
}
