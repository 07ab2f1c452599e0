package dev.saaskit.shared.runtime;

/** A function invoked directly (by the deployment or an operator) with a JSON input. */
@FunctionalInterface
public interface DirectHandler<I, O> {

  O invoke(I input);
}
