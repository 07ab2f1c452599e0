package dev.saaskit.testkit;

import dev.saaskit.shared.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An HTTP response as API Gateway would return it to the client. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

  public String header(String name) {
    return headers.get(name);
  }

  public JsonNode json() {
    return Json.MAPPER.readTree(body);
  }

  /** The problem's code ({@code validation_failed}), taken from its {@code type} URI. */
  public String problem() {
    String type = json().path("type").asString();
    return type.substring(type.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return status + " " + headers + " " + body;
  }
}
