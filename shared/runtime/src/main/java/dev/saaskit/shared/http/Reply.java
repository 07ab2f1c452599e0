package dev.saaskit.shared.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: a status, a body serialised as snake_case JSON (or sent as it is when
 * it is a {@link Text}), and extra headers. A GET reply that sets {@code cache-control} is
 * cacheable: the runtime gives it an {@code ETag} and answers a matching {@code If-None-Match}
 * with 304.
 */
public record Reply<T>(int status, T body, Map<String, String> headers) {

  /** A body that is not JSON (HTML, CSS), sent as it is with its media type. */
  public record Text(String contentType, String content) {}

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

  /** 302 to {@code location}. */
  public static <T> Reply<T> found(java.net.URI location) {
    return new Reply<>(302, null, Map.of("location", location.toString()));
  }

  public Reply<T> withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply<>(status, body, Map.copyOf(copy));
  }
}
