package dev.saaskit.hosting;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A raw query string as API Gateway hands it to a function in {@code queryStringParameters}, for
 * our own hosts of functions (the local emulator, the tests) that build events themselves.
 */
public final class ApiGatewayQuery {

  private ApiGatewayQuery() {}

  /** Decoded, repeated names comma-joined; a part that is not valid percent-encoding stays as sent. */
  public static Map<String, String> parameters(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] kv = pair.split("=", 2);
      query.merge(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "", (a, b) -> a + "," + b);
    }
    return query;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
