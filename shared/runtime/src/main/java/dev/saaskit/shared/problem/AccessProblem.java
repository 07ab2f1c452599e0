package dev.saaskit.shared.problem;

import java.util.Locale;

/** The runtime's own problem codes, for what every route answers alike. */
public enum AccessProblem implements ProblemCode {
  /** The access token is past its expiry: refresh the pair and send the new one. */
  TOKEN_EXPIRED;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
