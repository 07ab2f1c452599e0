package dev.saaskit.local.testdomain;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/**
 * A small domain for the emulator's own tests (catalog {@code testdomain-catalog.yaml}): an endpoint
 * that answers with the request it was given, and a queue consumer that fails on purpose.
 */
public final class TestDomainFunctions extends DomainFunctions {

  public TestDomainFunctions() {
    super("testdomain");
  }

  @Override
  protected void register(Functions f) {
    f.http(Echo.class, Void.class, Echo::new);
    f.queue(PoisonConsumer.class, PoisonConsumer.Message.class, PoisonConsumer::new);
  }
}
