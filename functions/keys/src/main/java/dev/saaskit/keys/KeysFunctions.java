package dev.saaskit.keys;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/** The keys module's functions; {@code MAIN_CLASS} of the keys artifact. */
public final class KeysFunctions extends DomainFunctions {

  public KeysFunctions() {
    super("keys");
  }

  @Override
  protected void register(Functions f) {
    f.http(CreateKey.class, CreateKey.Request.class, CreateKey::new);
    f.http(ListKeys.class, Void.class, ListKeys::new);
    f.http(GetKey.class, Void.class, GetKey::new);
    f.http(UpdateKey.class, UpdateKey.Request.class, UpdateKey::new);
    f.http(RevokeKey.class, Void.class, RevokeKey::new);
    f.http(RerollKey.class, RerollKey.Request.class, RerollKey::new);
    f.http(GetKeyUsage.class, Void.class, GetKeyUsage::new);
    f.http(VerifyKey.class, VerifyKey.Request.class, () -> new VerifyKey(f.platform().apiKeys()));
  }
}
