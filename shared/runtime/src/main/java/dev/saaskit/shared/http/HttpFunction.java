package dev.saaskit.shared.http;

import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.ApiKeyAuthenticator;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.Problem;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.runtime.Binding;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.runtime.Platform;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The binding between API Gateway (HTTP API, payload 2.0) and an {@link Endpoint}, in the order of
 * the work: read the event ({@link HttpEventParser}); authenticate ({@link Authenticator}) and apply
 * the catalog's access rule ({@link Authorization}), on a write with the roles held now ({@link
 * CurrentRoles}); read and validate the body; claim the
 * idempotency key; run the endpoint in one transaction; commit; send the outbox; answer; move an API
 * key's usage to the answer's status class ({@link KeyUsage}). Every failure becomes problem+json
 * ({@link Failures}); nothing escapes to the Lambda runtime.
 */
public final class HttpFunction<I, O> implements Binding<HttpResponse> {

  private static final String JSON = "application/json";

  private final FunctionSpec spec;
  private final Class<I> requestType;
  private final Lazy<Endpoint<I, O>> endpoint;
  private final Platform platform;
  private final Authenticator authenticator;
  private final KeyUsage keyUsage;
  private final int maxBodyBytes = Settings.getInt("MAX_BODY_BYTES", 1024 * 1024);

  public HttpFunction(FunctionSpec spec, Class<I> requestType, Supplier<? extends Endpoint<I, O>> endpoint, Platform platform) {
    this.spec = spec;
    this.requestType = requestType;
    this.endpoint = new Lazy<>(endpoint);
    this.platform = platform;
    this.authenticator = new Authenticator(spec, platform);
    this.keyUsage = new KeyUsage(platform);
  }

  @Override
  public HttpResponse apply(byte[] event) {
    HttpRequest request;
    try {
      request = HttpEventParser.parse(event);
    } catch (RuntimeException e) {
      // Not an event API Gateway would send: the function is invoked some other way.
      InvocationRecord record = new InvocationRecord(spec, null, platform.firstInvocation());
      record.put("status", 500).put("error", Log.describe(e));
      record.write(true, 0, 0);
      return problem(new ApiException(ProblemType.INTERNAL_ERROR, "the function received an event that is not an HTTP API request", e),
          "unknown").toHttpResponse();
    }
    InvocationRecord record = new InvocationRecord(spec, request.requestId(), platform.firstInvocation());
    record.put("route", spec.http().routeKey());
    Response response = null;
    Throwable failure = null;
    double dbMillis = 0;
    int statements = 0;
    Authenticator.Credentials credentials = null;
    // A connection that broke before the commit began (a proxy dropping an idle client, a
    // failover) took its transaction with it, and nothing was sent: the request runs once more
    // on a fresh connection, without counting it against its API key a second time.
    for (int attempt = 1; response == null; attempt++) {
      // GET only reads: it runs without a transaction, a round trip per statement and no COMMIT.
      UnitOfWork work = "GET".equals(request.method()) ? platform.newReadOnlyWork() : platform.newWork();
      try {
        if (credentials == null) {
          credentials = authenticator.authenticate(request, work);
          Caller caller = credentials.caller();
          record.put("org_id", caller.organizationId()).put("user_id", caller.userId()).put("api_key_id", caller.apiKeyId());
        }
        Authorization.check(spec.access(), credentials.caller());
        Caller caller = CurrentRoles.applies(spec.access(), credentials.caller(), request.method())
            ? CurrentRoles.check(spec.access(), credentials.caller(), work.db())
            : credentials.caller();
        response = serve(request, caller, work);
      } catch (ApiException e) {
        response = problem(e, request.requestId());
        failure = e.type().status() >= 500 ? e : null;
      } catch (Throwable e) {
        boolean connectionLost = work.fail(e);
        // Lost with its connection, or chosen as a deadlock or serialization victim, the
        // transaction was rolled back whole: running the request again is safe.
        boolean retry = (connectionLost || Database.isTransactionConflict(e)) && attempt == 1 && !work.commitStarted();
        if (!retry) {
          // Logged even when mapped to a 4xx: it means a check the handler should have made.
          failure = e;
          response = problem(Failures.toApiException(e), request.requestId());
        }
      } finally {
        work.close();
        dbMillis += work.dbMillis();
        statements += work.statements();
      }
    }
    ApiKeyAuthenticator.Admission key = credentials == null ? null : credentials.key();
    if (key != null) {
      response = response.withHeaders(key.rateLimit().headers());
      UnitOfWork usage = keyUsage.record(key, response.status, failure, record);
      if (usage != null) {
        dbMillis += usage.dbMillis();
        statements += usage.statements();
      }
    }
    record.put("status", response.status);
    if (failure != null) {
      record.put("error", Log.describe(failure));
    }
    record.write(response.status >= 500, dbMillis, statements);
    return response.toHttpResponse();
  }

  /**
   * Builds the endpoint and loads what every request goes through: the event's parser, the body's
   * reader, the verifier of access tokens where the route needs a signed-in caller (public routes
   * are mostly called without one), the database's statement machinery, the response's writer.
   */
  @Override
  public void prime() {
    HttpEventParser.parse(HttpEventParser.SAMPLE);
    endpoint.get();
    if (requestType != Void.class) {
      Json.MAPPER.readerFor(requestType);
    }
    if (spec.access().mode() != Access.Mode.PUBLIC) {
      platform.primeAccessTokens();
    }
    platform.prime();
    new Response(200, Map.of(), "{}", "prime", false).toHttpResponse().writeTo(OutputStream.nullOutputStream());
  }

  private Response serve(HttpRequest request, Caller caller, UnitOfWork work) {
    I body = requestType == Void.class ? null : BodyReader.read(request.body(), request.header("content-type"), requestType, maxBodyBytes);
    String idempotencyKey = "POST".equals(request.method()) && !endpoint.get().answersWithSecrets() ? request.header(Idempotency.HEADER) : null;
    String owner = caller.principal();
    if (idempotencyKey != null) {
      String hash = Idempotency.hash(request.method(), request.path(), request.body());
      Optional<Idempotency.Stored> stored = Idempotency.claim(work.db(), owner, spec.name(), idempotencyKey, hash);
      if (stored.isPresent()) {
        Map<String, String> headers = new LinkedHashMap<>(stored.get().headers());
        headers.put(Idempotency.REPLAYED_HEADER, "true");
        return new Response(stored.get().status(), headers, stored.get().body(), request.requestId(), !caller.isAnonymous());
      }
    }
    Reply<O> reply;
    try {
      reply = endpoint.get().handle(new Call<>(request, body, caller, work, platform.clock()));
    } catch (ApiException e) {
      if (!e.keepsChanges()) {
        throw e;
      }
      Response refused = problem(e, request.requestId());
      if (idempotencyKey != null) {
        Idempotency.complete(work.db(), owner, spec.name(), idempotencyKey, new Idempotency.Stored(refused.status, refused.headers, refused.body));
      }
      work.commit();
      return refused;
    }
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    String content;
    if (reply.body() instanceof Reply.Text text) {
      content = text.content();
      headers.put("content-type", text.contentType());
    } else {
      content = reply.body() == null ? null : Json.write(reply.body());
      if (content != null) {
        headers.put("content-type", JSON);
      }
    }
    if (idempotencyKey != null) {
      Idempotency.complete(work.db(), owner, spec.name(), idempotencyKey, new Idempotency.Stored(reply.status(), headers, content));
    }
    work.commit();
    if (ConditionalGet.applies(request, reply.status(), headers, content)) {
      String etag = ConditionalGet.tag(content);
      headers.put("etag", etag);
      if (ConditionalGet.matches(request.header("if-none-match"), etag)) {
        headers.remove("content-type");
        return new Response(304, headers, null, request.requestId(), !caller.isAnonymous());
      }
    }
    return new Response(reply.status(), headers, content, request.requestId(), !caller.isAnonymous());
  }

  private static Response problem(ApiException e, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>(e.headers());
    headers.put("content-type", Problem.MEDIA_TYPE);
    return new Response(e.type().status(), headers, Json.write(Problem.of(e, requestId)), requestId, true);
  }

  private record Response(int status, Map<String, String> headers, String body, String requestId, boolean authenticated) {
    /** The same response with these headers added where it has none of the name. */
    Response withHeaders(Map<String, String> more) {
      Map<String, String> merged = new LinkedHashMap<>(more);
      merged.putAll(headers);
      return new Response(status, merged, body, requestId, authenticated);
    }

    HttpResponse toHttpResponse() {
      Map<String, String> out = new HashMap<>(headers);
      out.put("x-request-id", requestId);
      // JSON is never to be sniffed into something a browser runs, and the API is HTTPS only.
      out.put("x-content-type-options", "nosniff");
      out.put("strict-transport-security", "max-age=31536000; includeSubDomains");
      if (authenticated || !out.containsKey("cache-control")) {
        out.put("cache-control", "no-store");
      }
      return new HttpResponse(status, out, body == null ? "" : body, false);
    }
  }
}
