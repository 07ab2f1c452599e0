package dev.saaskit.shared.json;

import java.io.OutputStream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS's event JSON: read into the {@code aws-lambda-java-events} classes with property names as AWS
 * writes them (any case), fields the classes do not know about ignored, as AWS adds fields over time;
 * answers (batch failures, a schedule's counts, a direct function's result) written with their own
 * property names.
 */
public final class AwsEvents {

  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private AwsEvents() {}

  public static <T> T read(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  public static void write(OutputStream out, Object answer) {
    MAPPER.writeValue(out, answer);
  }
}
