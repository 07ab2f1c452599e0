package dev.saaskit.shared.runtime;

import java.util.function.Function;

/**
 * A function as our bindings register it: the trigger's event as JSON bytes in, its answer out
 * ({@link LambdaHandler} writes it once). {@link #prime()} does at start-up what the first
 * invocation would otherwise do, so Lambda's init phase (and a SnapStart snapshot) holds it.
 */
public interface Binding<O> extends Function<byte[], O> {

  /** Loads and builds what an invocation needs, without opening connections or drawing random numbers. */
  void prime();
}
