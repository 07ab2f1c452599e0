package dev.saaskit.shared.http;

import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** A list envelope: {@code {"data": [...], "next_cursor": "..." | null}}. */
public record Page<T>(List<T> data, String nextCursor) {

  private static final String PREFIX = "v1:";

  /** Builds the page from rows fetched with {@link PageRequest#fetchSize()}; {@code id} gives each row's key. */
  public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, UUID> id) {
    if (rows.size() <= request.limit()) {
      return new Page<>(List.copyOf(rows), null);
    }
    List<T> data = List.copyOf(rows.subList(0, request.limit()));
    return new Page<>(data, encode(id.apply(data.get(data.size() - 1))));
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(data.stream().map(mapper).toList(), nextCursor);
  }

  static String encode(UUID after) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + after).getBytes(StandardCharsets.UTF_8));
  }

  static UUID decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(PREFIX)) {
        UUID id = dev.saaskit.shared.db.Ids.parse(raw.substring(PREFIX.length()));
        if (id != null) {
          return id;
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the same answer as any other unreadable cursor.
    }
    throw new ApiException(ProblemType.INVALID_PARAMETER, "cursor is not valid; pass next_cursor from a previous page");
  }
}
