package dev.saaskit.identity.accounts;

import dev.saaskit.identity.IdentityAction;
import dev.saaskit.identity.IdentityProblem;
import dev.saaskit.identity.Throttle;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/v1/me}: changes the full name, locale or timezone (fields left out stay as they
 * are). A new email is not taken at once: a verification email goes to the new address, and the
 * account switches to it when that link is used ({@code pending_email} until then). A new change
 * request replaces the one before. Changing the email takes the current password, and the address
 * the account has now gets a notice at once with a link that takes the change back
 * ({@code POST /api/v1/email-change/revert}).
 */
public final class UpdateMe implements Endpoint<UpdateMe.Request, Profile> {

  /** BCP 47 as browsers send it: "en", "pt-BR", "zh-Hant-TW". */
  private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");

  /** {@code current_password} is required with a new {@code email}. */
  public record Request(String fullName, String locale, String timezone, String email, String currentPassword) implements Validatable {
    @Override
    public void validate(Violations v) {
      if (fullName == null && locale == null && timezone == null && email == null) {
        v.add("body", "send at least one of full_name, locale, timezone, email");
        return;
      }
      v.optionalText("full_name", fullName, 200);
      if (locale != null) {
        v.pattern("locale", locale, LOCALE, "a language tag such as en or pt-BR");
      }
      if (timezone != null && !isZone(timezone)) {
        v.add("timezone", "must be an IANA time zone such as Europe/Berlin");
      }
      if (email != null) {
        v.email("email", email);
      }
    }

    private static boolean isZone(String id) {
      if (id.length() > 64 || !id.contains("/") && !id.equals("UTC")) {
        return false;
      }
      try {
        ZoneId.of(id);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }
  }

  @Override
  public Reply<Profile> handle(Call<Request> call) {
    Request body = call.body();
    Accounts users = new Accounts(call.db());
    Accounts.Account user = users.findForUpdate(call.caller().user())
        .orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED, "the account no longer exists").code(IdentityProblem.ACCOUNT_INACTIVE));
    String email = body.email() == null ? null : Emails.normalize(body.email());
    boolean emailChanges = email != null && !email.equals(user.email());
    if (emailChanges) {
      confirmPassword(call, user);
    }
    Map<String, Object> changed = new TreeMap<>();
    if (body.fullName() != null || body.locale() != null || body.timezone() != null) {
      users.updateProfile(user.id(), body.fullName() == null ? null : body.fullName().strip(), body.locale(), body.timezone(), call.now());
      if (body.fullName() != null) {
        changed.put("full_name", body.fullName().strip());
      }
      if (body.locale() != null) {
        changed.put("locale", body.locale());
      }
      if (body.timezone() != null) {
        changed.put("timezone", body.timezone());
      }
    }
    if (emailChanges) {
      if (users.emailTaken(email, user.id())) {
        throw new ApiException(ProblemType.CONFLICT, "another account uses this email address").code(IdentityProblem.EMAIL_TAKEN);
      }
      EmailTokens tokens = new EmailTokens(call.db());
      tokens.discard(user.id(), EmailTokens.Purpose.VERIFY_EMAIL, user.email(), call.now());
      EmailTokens.Issued token = tokens.issue(user.id(), EmailTokens.Purpose.VERIFY_EMAIL, email, call.now());
      Mail.verification(call, user, email, token, call.caller().organization());
      // The address the account has now hears of it at once, with a way to take the change back.
      tokens.discard(user.id(), EmailTokens.Purpose.REVERT_EMAIL, null, call.now());
      Mail.emailChangeRequested(call, user, email, tokens.issue(user.id(), EmailTokens.Purpose.REVERT_EMAIL, user.email(), call.now()));
      changed.put("pending_email", email);
    }
    if (!changed.isEmpty()) {
      call.audit(IdentityAction.USER_UPDATED, "user", user.id(), changed);
    }
    return Reply.ok(Profile.load(call));
  }

  /**
   * A new email moves the account's sign-in, so it takes the current password (throttled as
   * changing the password is): an access token alone, stolen or left on a shared machine, cannot.
   */
  private static void confirmPassword(Call<Request> call, Accounts.Account user) {
    String password = call.body().currentPassword();
    if (password == null) {
      throw ApiException.invalid("current_password", "is required to change the email");
    }
    Throttle throttle = new Throttle(call.db(), Throttle.Kind.PASSWORD_CHANGE);
    throttle.attempt(user.id().toString(), call.request().sourceIp(), call.now());
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Passwords.MAX_BYTES || !Passwords.matches(password, user.passwordHash())) {
      // Nothing else of the request has been written yet: only the attempt's count is kept.
      throw ApiException.invalid("current_password", "is not correct").keepChanges();
    }
    throttle.succeeded(user.id().toString(), call.request().sourceIp());
  }
}
