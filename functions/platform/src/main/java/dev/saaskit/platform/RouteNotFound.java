package dev.saaskit.platform;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;

/**
 * The API's {@code $default} route: whatever no other route matches gets a problem+json 404 rather
 * than API Gateway's bare {@code {"message":"Not Found"}}.
 */
public final class RouteNotFound implements Endpoint<Void, Void> {

  @Override
  public Reply<Void> handle(Call<Void> call) {
    throw new ApiException(ProblemType.ROUTE_NOT_FOUND,
        "no route matches " + call.request().method() + " " + call.request().path());
  }
}
