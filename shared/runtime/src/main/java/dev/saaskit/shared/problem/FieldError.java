package dev.saaskit.shared.problem;

/** One invalid field: its path in the request ({@code rate_limit.requests}, {@code scopes[2]}) and why. */
public record FieldError(String field, String message) {}
