package dev.saaskit.local.testdomain;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.HttpRequest;
import dev.saaskit.shared.http.Reply;
import java.util.Base64;
import java.util.Map;

/** {@code ANY /echo/{word}}: answers with the request as the function received it. */
public final class Echo implements Endpoint<Void, Echo.Response> {

  public record Response(
      String method, String path, String routeKey, Map<String, String> pathParameters, Map<String, String> query,
      Map<String, String> headers, String bodyBase64, String sourceIp, String userAgent) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    HttpRequest r = call.request();
    return Reply.ok(new Response(r.method(), r.path(), r.routeKey(), r.pathParameters(), r.query(), r.headers(),
        Base64.getEncoder().encodeToString(r.body()), r.sourceIp(), r.userAgent()))
        .withHeader("set-cookie", "echo=" + call.path("word") + "; Path=/");
  }
}
