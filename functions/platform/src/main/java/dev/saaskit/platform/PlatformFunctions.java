package dev.saaskit.platform;

import dev.saaskit.shared.outbox.OutboxRelay;
import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/** The platform module's functions; {@code MAIN_CLASS} of the platform artifact. */
public final class PlatformFunctions extends DomainFunctions {

  public PlatformFunctions() {
    super("platform");
  }

  @Override
  protected void register(Functions f) {
    f.http(Health.class, Void.class, Health::new);
    f.http(RouteNotFound.class, Void.class, RouteNotFound::new);
    f.direct(Migrate.class, Migrate.Input.class, Migrate.Result.class, () -> new Migrate(f.platform().outbound()));
    f.schedule(OutboxRelay.class, OutboxRelay::new);
    f.schedule(Housekeeping.class, Housekeeping::new);
  }
}
