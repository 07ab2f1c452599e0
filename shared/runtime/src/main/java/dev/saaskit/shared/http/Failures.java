package dev.saaskit.shared.http;

import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.resilience.DependencyRefusedException;
import dev.saaskit.shared.resilience.DependencyUnavailableException;

/**
 * What a failure the handler did not turn into an {@link ApiException} itself answers: a lost
 * database 503, a statement or lock wait its session's limit ended 503, an open circuit 503, a
 * dependency's refusal 502, a constraint the handler did not check first the client's mistake (409
 * or 400), anything else 500 without detail. The cause stays attached for the log,
 * never for the response.
 */
final class Failures {

  private Failures() {}

  static ApiException toApiException(Throwable e) {
    if (Database.cannotConnect(e) || Database.isConnectionFailure(e)) {
      return new ApiException(ProblemType.DATABASE_UNAVAILABLE, "the database did not answer; retry in a few seconds", e)
          .header("retry-after", "5");
    }
    if (Database.timedOut(e)) {
      return new ApiException(ProblemType.DATABASE_UNAVAILABLE, "the database did not answer in time; retry in a few seconds", e)
          .header("retry-after", "5");
    }
    if (e instanceof DependencyUnavailableException d) {
      return new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, d.dependency() + " did not answer; retry in a few seconds", e)
          .header("retry-after", "5");
    }
    if (e instanceof DependencyRefusedException d) {
      return new ApiException(ProblemType.DEPENDENCY_REFUSED,
          d.dependency() + " refused the request; quote the request id when reporting it", e);
    }
    String state = Database.sqlState(e);
    if ("23505".equals(state)) {
      return new ApiException(ProblemType.CONFLICT, "something with these values already exists", e);
    }
    if ("23503".equals(state)) {
      return new ApiException(ProblemType.CONFLICT, "the request refers to something that does not exist, or to something still in use", e);
    }
    if (state != null && (state.startsWith("22") || state.equals("23514") || state.equals("23502"))) {
      return new ApiException(ProblemType.VALIDATION_FAILED, "a value is outside what is allowed", e);
    }
    if (Database.isTransactionConflict(e)) {
      return new ApiException(ProblemType.CONFLICT, "the request collided with a concurrent one; retry it", e);
    }
    return new ApiException(ProblemType.INTERNAL_ERROR, "the request failed; quote the request id when reporting it", e);
  }

  /** True when the database itself failed: nothing more is asked of it for this request. */
  static boolean lostDatabase(Throwable e) {
    return e != null && (Database.cannotConnect(e) || Database.isConnectionFailure(e));
  }
}
