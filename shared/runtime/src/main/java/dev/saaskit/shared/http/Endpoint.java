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
}
