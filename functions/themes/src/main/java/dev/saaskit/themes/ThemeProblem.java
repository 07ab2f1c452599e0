package dev.saaskit.themes;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes the themes domain's problems carry where a client must tell cases apart; the README lists them. */
public enum ThemeProblem implements ProblemCode {
  /** POST /api/v1/themes when the organization has a theme: change it with PUT. */
  THEME_EXISTS,
  /** An upload or a page needs the organization's theme first. */
  THEME_MISSING,
  /** A page with this slug exists in the organization. */
  PAGE_EXISTS,
  /** The upload was completed already, or its URL expired before it was. */
  UPLOAD_CLOSED,
  /** Completing an upload whose file never reached storage. */
  UPLOAD_MISSING,
  /** The stored file is not what was declared: another size, or bytes that are not the declared image type. */
  UPLOAD_MISMATCH;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
