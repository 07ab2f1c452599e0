package dev.saaskit.shared.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: a status, a body serialised as snake_case JSON, and extra headers. */
public record Reply<T>(int status, T body, Map<String, String> headers) {

  public static <T> Reply<T> ok(T body) {
    return new Reply<>(200, body, Map.of());
  }

  public static <T> Reply<T> created(T body) {
    return new Reply<>(201, body, Map.of());
  }

  public static <T> Reply<T> accepted(T body) {
    return new Reply<>(202, body, Map.of());
  }

  public static <T> Reply<T> noContent() {
    return new Reply<>(204, null, Map.of());
  }

  public Reply<T> withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply<>(status, body, Map.copyOf(copy));
  }
}
