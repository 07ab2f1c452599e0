package dev.saaskit.reliability.testdomain;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/** The reliability suite's test domain (catalog {@code reliability-catalog.yaml}): a consumer with a countable effect. */
public final class ReliabilityFunctions extends DomainFunctions {

  public ReliabilityFunctions() {
    super("reliability");
  }

  @Override
  protected void register(Functions f) {
    f.queue(ApplyEffect.class, ApplyEffect.Message.class, ApplyEffect::new);
  }
}
