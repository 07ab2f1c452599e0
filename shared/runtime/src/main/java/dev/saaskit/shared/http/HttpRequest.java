package dev.saaskit.shared.http;

import java.util.Map;

/**
 * The parts of an HTTP request a handler may read, independent of how the cloud delivered it.
 * Header names are lower case; repeated query values are comma-joined, as API Gateway does.
 */
public record HttpRequest(
    String method,
    String path,
    String routeKey,
    Map<String, String> headers,
    Map<String, String> query,
    Map<String, String> pathParameters,
    byte[] body,
    String requestId,
    String sourceIp,
    String userAgent) {

  public String header(String name) {
    return headers.get(name);
  }
}
