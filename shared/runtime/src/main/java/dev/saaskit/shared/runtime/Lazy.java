package dev.saaskit.shared.runtime;

import java.util.function.Supplier;

/** A value made on first use and kept: how a container avoids work its invocations never need. */
public final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> factory;
  private volatile T value;

  public Lazy(Supplier<? extends T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        if (value == null) {
          value = factory.get();
        }
        v = value;
      }
    }
    return v;
  }
}
