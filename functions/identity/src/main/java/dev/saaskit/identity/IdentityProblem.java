package dev.saaskit.identity;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes identity's problems carry where a client must tell cases apart; the README lists them. */
public enum IdentityProblem implements ProblemCode {
  /** Sign-up, email change, or accepting as a new account: another account has the address. */
  EMAIL_TAKEN,
  /** Sign-in: the email or the password is wrong (the same for an unknown or disabled account). */
  INVALID_CREDENTIALS,
  /** Too many failed attempts for the email or the address; retry after {@code Retry-After}. */
  TOO_MANY_ATTEMPTS,
  /** Self-service sign-up is switched off: ask for an invitation. */
  SIGN_UP_DISABLED,
  /** The account belongs to no organization a token could be scoped to. */
  NO_ORGANIZATION,
  /** The account was disabled or deleted. */
  ACCOUNT_INACTIVE,
  /** The session was revoked or expired, or the account lost access to its organization: sign in again. */
  SESSION_ENDED,
  /** The refresh token is unknown or malformed. */
  REFRESH_TOKEN_INVALID,
  /** The refresh token is past its expiry: sign in again. */
  REFRESH_TOKEN_EXPIRED,
  /** The refresh token was used before, after the grace window: the session is revoked. */
  REFRESH_TOKEN_REUSED,
  /** The change would leave the organization without an active org_admin. */
  LAST_ADMIN,
  /** A member tried to change their own role or active flag. */
  OWN_MEMBERSHIP,
  /** The slug belongs to another organization. */
  SLUG_TAKEN,
  /** The person is already a member of the organization. */
  ALREADY_MEMBER,
  /** The address already has a pending invitation to the organization. */
  INVITATION_PENDING,
  /** The invitation was used already. */
  INVITATION_USED,
  /** The invitation was revoked. */
  INVITATION_REVOKED,
  /** The invitation is past its expiry: ask for a new one. */
  INVITATION_EXPIRED,
  /** The invitation is for another email address than the signed-in account's. */
  INVITATION_FOR_ANOTHER_EMAIL,
  /** The invited address has an account: sign in as it and accept again. */
  SIGN_IN_TO_ACCEPT;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
