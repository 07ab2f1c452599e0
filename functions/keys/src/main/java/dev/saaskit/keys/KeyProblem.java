package dev.saaskit.keys;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes the keys domain's problems carry where a client must tell cases apart; the README lists them. */
public enum KeyProblem implements ProblemCode {
  /** An API key tried to make or touch a key stronger than itself in some way (scopes, rate, expiry, workspace, environment). */
  STRONGER_THAN_CALLER,
  /** The key is revoked: nothing about it changes any more. */
  KEY_REVOKED;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
