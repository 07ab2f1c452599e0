package dev.saaskit.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.saaskit.shared.catalog.Access;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.db.UnitOfWork;
import dev.saaskit.shared.identity.ApiKeyAuthenticator;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.json.AwsEvents;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.log.InvocationRecord;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.Problem;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.resilience.DependencyUnavailableException;
import dev.saaskit.shared.runtime.Lazy;
import dev.saaskit.shared.runtime.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The binding between API Gateway (HTTP API, payload 2.0) and an {@link Endpoint}.
 *
 * <p>The function takes the event as raw bytes and parses it here: given a typed input, Spring
 * Cloud Function's AWS adapter treats an HTTP body that is a JSON array as a collection and calls
 * the function once per element, which would hand a handler neither the event nor a chance to
 * answer 400. In order: read
 * the event, authenticate and apply the catalog's access rule, read and validate the body, claim
 * the idempotency key, run the endpoint in one transaction, commit, send the outbox, answer. Every
 * failure becomes problem+json; nothing escapes to the Lambda runtime.
 */
public final class HttpFunction<I, O> implements Function<byte[], APIGatewayV2HTTPResponse> {

  private static final String JSON = "application/json";

  private final FunctionSpec spec;
  private final Class<I> requestType;
  private final Lazy<Endpoint<I, O>> endpoint;
  private final Platform platform;
  private final int maxBodyBytes = Settings.getInt("MAX_BODY_BYTES", 1024 * 1024);

  public HttpFunction(FunctionSpec spec, Class<I> requestType, Supplier<? extends Endpoint<I, O>> endpoint, Platform platform) {
    this.spec = spec;
    this.requestType = requestType;
    this.endpoint = new Lazy<>(endpoint);
    this.platform = platform;
  }

  @Override
  public APIGatewayV2HTTPResponse apply(byte[] eventJson) {
    HttpRequest request = Requests.from(AwsEvents.read(eventJson, APIGatewayV2HTTPEvent.class));
    InvocationRecord record = new InvocationRecord(spec.name(), request.requestId(), platform.firstInvocation());
    record.put("route", spec.http().routeKey());
    Response response = null;
    Throwable failure = null;
    double dbMillis = 0;
    int statements = 0;
    Credentials credentials = null;
    // A connection that broke before the commit began (a proxy dropping an idle client, a
    // failover) took its transaction with it, and nothing was sent: the request runs once more
    // on a fresh connection, without counting it against its API key a second time.
    for (int attempt = 1; response == null; attempt++) {
      // GET only reads: it runs without a transaction, a round trip per statement and no COMMIT.
      UnitOfWork work = "GET".equals(request.method()) ? platform.newReadOnlyWork() : platform.newWork();
      try {
        if (credentials == null) {
          credentials = authenticate(request, work);
          Caller caller = credentials.caller();
          record.put("org_id", caller.organizationId()).put("user_id", caller.userId()).put("api_key_id", caller.apiKeyId());
        }
        authorize(credentials.caller());
        response = serve(request, credentials.caller(), work);
      } catch (ApiException e) {
        response = problem(e, request.requestId());
        failure = e.type().status() >= 500 ? e : null;
      } catch (Throwable e) {
        boolean cannotConnect = Database.cannotConnect(e);
        boolean connectionLost = !cannotConnect && Database.isConnectionFailure(e);
        if (connectionLost) {
          platform.database().discardConnection();
        }
        // Lost with its connection, or chosen as a deadlock or serialization victim, the
        // transaction was rolled back whole: running the request again is safe.
        boolean retry = (connectionLost || Database.isTransactionConflict(e)) && attempt == 1 && !work.commitStarted();
        if (!retry) {
          // Logged even when mapped to a 4xx: it means a check the handler should have made.
          failure = e;
          response = problem(unexpected(e), request.requestId());
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
      if (response.status / 100 != 2 && !(failure != null && (Database.cannotConnect(failure) || Database.isConnectionFailure(failure)))) {
        UnitOfWork work = platform.newReadOnlyWork();
        try {
          platform.apiKeys().recordStatus(key, response.status, work.autocommitDb());
        } catch (RuntimeException e) {
          record.put("usage_error", Log.describe(e));
        } finally {
          work.close();
          dbMillis += work.dbMillis();
          statements += work.statements();
        }
      }
    }
    record.put("status", response.status);
    if (failure != null) {
      record.put("error", Log.describe(failure));
    }
    record.write(response.status >= 500, dbMillis, statements);
    return response.toEvent();
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
    String json = reply.body() == null ? null : Json.write(reply.body());
    if (json != null) {
      headers.put("content-type", JSON);
    }
    if (idempotencyKey != null) {
      Idempotency.complete(work.db(), owner, spec.name(), idempotencyKey, new Idempotency.Stored(reply.status(), headers, json));
    }
    work.commit();
    return new Response(reply.status(), headers, json, request.requestId(), !caller.isAnonymous());
  }

  /** The verified caller, and the API key's admission when the credential was a key. */
  private record Credentials(Caller caller, ApiKeyAuthenticator.Admission key) {}

  /**
   * Verifies the bearer credential, whenever one is sent, even on public routes, so a bad token is
   * never silently treated as anonymous. An API key is checked (and counted) only where the route
   * takes keys, in one statement before the request's transaction.
   */
  private Credentials authenticate(HttpRequest request, UnitOfWork work) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      return new Credentials(Caller.ANONYMOUS, null);
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() == 7) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "the authorization header must be 'Bearer <token>'");
    }
    String credential = authorization.substring(7).trim();
    if (!credential.startsWith(ApiKeyAuthenticator.PREFIX)) {
      return new Credentials(platform.accessTokens().verify(credential), null);
    }
    if (!spec.access().acceptsApiKeys()) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "this route does not accept API keys; sign in as a user");
    }
    ApiKeyAuthenticator.Admission key = platform.apiKeys().authenticate(credential, spec.http().routeKey(), work.autocommitDb());
    return new Credentials(key.caller(), key);
  }

  /** Applies the catalog's access rule to the verified caller. */
  private void authorize(Caller caller) {
    Access access = spec.access();
    if (access.mode() == Access.Mode.PUBLIC) {
      return;
    }
    if (caller.isAnonymous()) {
      throw new ApiException(ProblemType.UNAUTHENTICATED, "sign in, or send an access token as 'Authorization: Bearer <token>'");
    }
    if (caller.isApiKey()) {
      if (!caller.scopes().containsAll(access.apiKeyScopes())) {
        throw new ApiException(ProblemType.INSUFFICIENT_SCOPE,
            "this route needs an API key with scopes " + access.apiKeyScopes().stream().sorted().toList());
      }
      return;
    }
    if (!access.roles().isEmpty() && access.roles().stream().noneMatch(caller::has)) {
      throw new ApiException(ProblemType.FORBIDDEN, "this route needs one of the roles " + access.roles().stream().map(r -> r.code()).sorted().toList());
    }
  }

  private static ApiException unexpected(Throwable e) {
    if (Database.cannotConnect(e) || Database.isConnectionFailure(e)) {
      return new ApiException(ProblemType.DATABASE_UNAVAILABLE, "the database did not answer; retry in a few seconds", e)
          .header("retry-after", "5");
    }
    if (e instanceof DependencyUnavailableException d) {
      return new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, d.dependency() + " did not answer; retry in a few seconds", e)
          .header("retry-after", "5");
    }
    // A constraint the handler did not check first still answers as the client's mistake.
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

    APIGatewayV2HTTPResponse toEvent() {
      Map<String, String> out = new HashMap<>(headers);
      out.put("x-request-id", requestId);
      if (authenticated || !out.containsKey("cache-control")) {
        out.put("cache-control", "no-store");
      }
      APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
      r.setStatusCode(status);
      r.setHeaders(out);
      r.setBody(body == null ? "" : body);
      r.setIsBase64Encoded(false);
      return r;
    }
  }

  /** Reads API Gateway's payload 2.0 into our request type. */
  static final class Requests {
    private Requests() {}

    static HttpRequest from(APIGatewayV2HTTPEvent event) {
      var context = event.getRequestContext();
      var http = context == null ? null : context.getHttp();
      String requestId = context != null && context.getRequestId() != null ? context.getRequestId() : Ids.newId().toString();
      Map<String, String> headers = new HashMap<>();
      if (event.getHeaders() != null) {
        event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
      }
      byte[] body = new byte[0];
      if (event.getBody() != null) {
        body = event.getIsBase64Encoded()
            ? decode(event.getBody())
            : event.getBody().getBytes(StandardCharsets.UTF_8);
      }
      return new HttpRequest(
          http == null ? "GET" : http.getMethod(),
          http != null && http.getPath() != null ? http.getPath() : event.getRawPath(),
          event.getRouteKey(),
          Map.copyOf(headers),
          event.getQueryStringParameters() == null ? Map.of() : Map.copyOf(event.getQueryStringParameters()),
          event.getPathParameters() == null ? Map.of() : Map.copyOf(event.getPathParameters()),
          body,
          requestId,
          http == null ? null : http.getSourceIp(),
          http == null ? null : http.getUserAgent());
    }

    private static byte[] decode(String base64) {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        return base64.getBytes(StandardCharsets.UTF_8);
      }
    }
  }
}
