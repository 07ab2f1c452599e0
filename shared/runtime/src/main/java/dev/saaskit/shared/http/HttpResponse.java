package dev.saaskit.shared.http;

import dev.saaskit.shared.json.Json;
import java.io.OutputStream;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * An HTTP function's answer: what API Gateway (payload 2.0) turns into the HTTP response. Written
 * once by {@link #writeTo} with a streaming generator; as a record it serialises to the same shape
 * under any Jackson mapper with default names, for other hosts of the function.
 *
 * @param headers lower-case names, written as they are
 * @param body the body as text (JSON or problem+json), empty for none
 */
public record HttpResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {

  /** Writes the payload 2.0 response: {@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}. */
  public void writeTo(OutputStream out) {
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("statusCode", statusCode);
      g.writeName("headers");
      g.writeStartObject();
      for (Map.Entry<String, String> header : headers.entrySet()) {
        g.writeStringProperty(header.getKey(), header.getValue());
      }
      g.writeEndObject();
      g.writeStringProperty("body", body);
      g.writeBooleanProperty("isBase64Encoded", isBase64Encoded);
      g.writeEndObject();
    }
  }
}
