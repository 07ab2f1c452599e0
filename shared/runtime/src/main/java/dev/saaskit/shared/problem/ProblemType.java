package dev.saaskit.shared.problem;

/**
 * The closed set of error types the API answers with. The {@code type} URI and the code are stable:
 * clients branch on them. The title is the public, human summary; the detail of each occurrence is
 * given by the {@link ApiException}.
 */
public enum ProblemType {
  VALIDATION_FAILED(400, "The request is not valid"),
  MALFORMED_JSON(400, "The request body is not valid JSON"),
  INVALID_PARAMETER(400, "A path or query parameter is not valid"),
  UNAUTHENTICATED(401, "Authentication is required"),
  LIMIT_EXCEEDED(402, "A plan limit was reached"),
  FORBIDDEN(403, "The caller may not do this"),
  INSUFFICIENT_SCOPE(403, "The API key lacks a required scope"),
  NOT_FOUND(404, "The resource does not exist"),
  ROUTE_NOT_FOUND(404, "No such route"),
  CONFLICT(409, "The request conflicts with the current state"),
  PAYLOAD_TOO_LARGE(413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "The request body must be application/json"),
  IDEMPOTENCY_KEY_REUSED(422, "The Idempotency-Key was used with a different request"),
  RATE_LIMITED(429, "Too many requests"),
  INTERNAL_ERROR(500, "Something went wrong on our side"),
  DATABASE_UNAVAILABLE(503, "The database is unavailable; retry later"),
  DEPENDENCY_UNAVAILABLE(503, "A service we depend on is unavailable; retry later"),
  DEPENDENCY_REFUSED(502, "A service we depend on refused the request");

  private final int status;
  private final String title;

  ProblemType(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A relative URI reference, as RFC 9457 allows; documented in the README's error table. */
  public String uri() {
    return "/problems/" + code();
  }
}
