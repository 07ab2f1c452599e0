package dev.saaskit.shared.http;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/**
 * {@code Idempotency-Key} on POST, as Stripe does it. The key is claimed inside the request's
 * transaction, so a concurrent request with the same key waits for the first to finish and then
 * replays its answer; a request that fails leaves no claim behind and may be retried with the same
 * key. A successful response is kept for 24 hours.
 */
public final class Idempotency {

  static final String HEADER = "idempotency-key";
  static final String REPLAYED_HEADER = "idempotent-replayed";

  private Idempotency() {}

  record Stored(int status, Map<String, String> headers, String body) {}

  /** Claims the key for this request, or returns the response a previous identical request got. */
  static Optional<Stored> claim(Handle db, String owner, String route, String key, String requestHash) {
    if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ApiException(ProblemType.INVALID_PARAMETER, "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    // A key older than 24 hours is claimed afresh, as if it had never been used.
    int claimed = db.createUpdate(
            """
            insert into idempotency_keys (owner, route, key, request_hash) values (:owner, :route, :key, :hash)
            on conflict (owner, route, key) do update
               set request_hash = excluded.request_hash, status = null, headers = null, body = null, created_at = now()
             where idempotency_keys.created_at < now() - interval '24 hours'
            """)
        .bind("owner", owner).bind("route", route).bind("key", key).bind("hash", requestHash)
        .execute();
    if (claimed == 1) {
      return Optional.empty();
    }
    Map<String, Object> row = db.createQuery(
            "select request_hash, status, headers::text as headers, body from idempotency_keys where owner = :owner and route = :route and key = :key")
        .bind("owner", owner).bind("route", route).bind("key", key)
        .mapToMap()
        .one();
    if (!requestHash.equals(row.get("request_hash"))) {
      throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was already used with a different request; use a new key for a new request");
    }
    if (row.get("status") == null) {
      throw new ApiException(ProblemType.CONFLICT, "a request with this Idempotency-Key is still being processed");
    }
    Map<String, String> headers = Json.MAPPER.readValue((String) row.get("headers"), new TypeReference<Map<String, String>>() {});
    return Optional.of(new Stored((Integer) row.get("status"), headers, (String) row.get("body")));
  }

  static void complete(Handle db, String owner, String route, String key, Stored response) {
    db.createUpdate(
            """
            update idempotency_keys set status = :status, headers = cast(:headers as jsonb), body = :body
             where owner = :owner and route = :route and key = :key
            """)
        .bind("status", response.status())
        .bind("headers", Json.write(response.headers()))
        .bind("body", response.body())
        .bind("owner", owner).bind("route", route).bind("key", key)
        .execute();
  }

  /** Deletes the keys past their 24 hours (the platform's daily housekeeping); returns how many. */
  public static int deleteExpired(Handle db) {
    return db.createUpdate("delete from idempotency_keys where created_at < now() - interval '24 hours'").execute();
  }

  static String hash(String method, String path, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
