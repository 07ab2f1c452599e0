package dev.saaskit.shared.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads AWS's event JSON into the {@code aws-lambda-java-events} classes: property names as AWS
 * writes them (any case), fields the classes do not know about ignored, as AWS adds fields over time.
 */
public final class AwsEvents {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private AwsEvents() {}

  public static <T> T read(byte[] json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }
}
