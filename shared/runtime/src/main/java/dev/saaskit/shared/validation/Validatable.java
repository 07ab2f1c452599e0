package dev.saaskit.shared.validation;

/**
 * A request body that checks itself after parsing. Plain code instead of annotation-driven bean
 * validation: it reads like the rules, and costs nothing at cold start.
 */
public interface Validatable {

  void validate(Violations violations);
}
