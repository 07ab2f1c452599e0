package dev.saaskit.shared.problem;

import java.util.Locale;

/** The runtime's own problem codes, for what every route answers alike. */
public enum AccessProblem implements ProblemCode {
  /** The access token is past its expiry: refresh the pair and send the new one. */
  TOKEN_EXPIRED,
  /** A write needs a role the caller held when its token was issued and holds no longer (demoted, suspended, removed). */
  ROLE_CHANGED;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
