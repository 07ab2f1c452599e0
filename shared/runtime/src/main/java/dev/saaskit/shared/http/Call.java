package dev.saaskit.shared.http;

import dev.saaskit.shared.audit.AuditAction;
import dev.saaskit.shared.audit.AuditEntry;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One request as an endpoint sees it: the validated body, the verified caller, parameters, and the
 * request's unit of work (its transaction, audit trail and outbox).
 */
public final class Call<B> {

  private final HttpRequest request;
  private final B body;
  private final Caller caller;
  private final UnitOfWork work;
  private final Instant now;

  public Call(HttpRequest request, B body, Caller caller, UnitOfWork work, Clock clock) {
    this.request = request;
    this.body = body;
    this.caller = caller;
    this.work = work;
    this.now = clock.instant();
  }

  public B body() {
    return body;
  }

  public Caller caller() {
    return caller;
  }

  public HttpRequest request() {
    return request;
  }

  public String requestId() {
    return request.requestId();
  }

  /** The time of the request; one instant for the whole request. */
  public Instant now() {
    return now;
  }

  /** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
  public UUID pathId(String name) {
    UUID id = Ids.parse(path(name));
    if (id == null) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "path parameter '" + name + "' must be a UUID");
    }
    return id;
  }

  public String path(String name) {
    String value = request.pathParameters().get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    return value;
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(request.query().get(name)).filter(v -> !v.isEmpty());
  }

  /** {@code ?limit=&cursor=}, with limit 1..100 (default 20) and an opaque cursor from a previous page. */
  public PageRequest page() {
    int limit = PageRequest.DEFAULT_LIMIT;
    Optional<String> raw = query("limit");
    if (raw.isPresent()) {
      try {
        limit = Integer.parseInt(raw.get());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
        throw new ApiException(ProblemType.INVALID_PARAMETER, "limit must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
      }
    }
    return new PageRequest(limit, query("cursor").map(Page::decode).orElse(null));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(request.header(name));
  }

  /** The request's transaction, begun on first use and committed when the endpoint returns. */
  public Handle db() {
    return work.db();
  }

  /**
   * The request's connection outside its transaction, for an endpoint whose one statement must
   * commit on its own (and cost one round trip, without BEGIN and COMMIT) before anything else.
   * Once the transaction has begun ({@link #db()}, an {@code Idempotency-Key}), statements run in it.
   */
  public Handle autocommitDb() {
    return work.autocommitDb();
  }

  /** Queues a message that is sent only if this request's transaction commits. */
  public void publish(String queue, Object message) {
    work.publish(queue, message, request.requestId());
  }

  /** Queues a message that its queue delivers {@code delay} (at most 15 minutes) after this request's transaction commits. */
  public void publish(String queue, Object message, Duration delay) {
    work.publish(queue, message, request.requestId(), delay);
  }

  /** Records a change by the caller in its organization, in the request's transaction. */
  public void audit(AuditAction action, String resourceType, Object resourceId, Map<String, ?> details) {
    audit(caller.organizationId(), caller.userId(), action, resourceType, resourceId, details);
  }

  /**
   * Records an event whose organization or actor is not the caller's (sign-in attempts, public
   * routes).
   */
  public void audit(UUID organizationId, UUID actorUserId, AuditAction action, String resourceType, Object resourceId, Map<String, ?> details) {
    work.audit(new AuditEntry(
        organizationId,
        actorUserId,
        caller.apiKeyId(),
        action.code(),
        resourceType,
        resourceId == null ? null : resourceId.toString(),
        request.requestId(),
        request.sourceIp(),
        request.userAgent(),
        details));
  }
}
