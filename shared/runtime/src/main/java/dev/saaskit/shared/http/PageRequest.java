package dev.saaskit.shared.http;

import java.util.UUID;

/**
 * {@code ?limit=&cursor=}: how many rows to return and the id after which to continue. Ids are
 * time-ordered, so keyset pagination on the id alone pages in creation order. Queries fetch
 * {@link #fetchSize()} rows; {@link Page#of} uses the extra one to tell whether there is more.
 */
public record PageRequest(int limit, UUID after) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public int fetchSize() {
    return limit + 1;
  }
}
