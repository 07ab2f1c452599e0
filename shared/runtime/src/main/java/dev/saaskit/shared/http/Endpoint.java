package dev.saaskit.shared.http;

/**
 * An HTTP endpoint: receives a parsed, validated request whose caller already passed the catalog's
 * access rule, and returns a reply. Failures are thrown as {@link
 * dev.saaskit.shared.problem.ApiException}; anything else becomes a 500 without detail.
 *
 * @param <I> the JSON request body, or {@link Void} when the endpoint reads none
 * @param <O> the JSON response body
 */
@FunctionalInterface
public interface Endpoint<I, O> {

  Reply<O> handle(Call<I> call);

  /**
   * True for endpoints whose answers carry credentials (token pairs): their responses are never
   * stored for {@code Idempotency-Key} replay, since only hashes of secrets may be kept. A retry
   * with the same key runs again.
   */
  default boolean answersWithSecrets() {
    return false;
  }
}
