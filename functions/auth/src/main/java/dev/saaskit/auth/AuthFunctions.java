package dev.saaskit.auth;

import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;
import dev.saaskit.shared.runtime.Platform;

/** The auth module's functions; {@code MAIN_CLASS} of the auth artifact. */
public final class AuthFunctions extends DomainFunctions {

  public AuthFunctions() {
    super("auth");
  }

  @Override
  protected void register(Functions f) {
    Platform p = f.platform();
    f.http(Register.class, Register.Request.class, () -> new Register(p.sessions()));
    f.http(Login.class, Login.Request.class, () -> new Login(p.sessions()));
    f.http(Refresh.class, Refresh.Request.class, () -> new Refresh(p.sessions()));
    f.http(Logout.class, Void.class, Logout::new);
    f.http(GetMe.class, Void.class, GetMe::new);
    f.http(UpdateMe.class, UpdateMe.Request.class, UpdateMe::new);
    f.http(ChangePassword.class, ChangePassword.Request.class, ChangePassword::new);
    f.http(RequestPasswordReset.class, RequestPasswordReset.Request.class, RequestPasswordReset::new);
    f.http(ConfirmPasswordReset.class, ConfirmPasswordReset.Request.class, ConfirmPasswordReset::new);
    f.http(VerifyEmail.class, VerifyEmail.Request.class, VerifyEmail::new);
    f.http(SwitchOrganization.class, SwitchOrganization.Request.class, () -> new SwitchOrganization(p.sessions()));
    f.http(ListSessions.class, Void.class, ListSessions::new);
    f.http(RevokeSession.class, Void.class, RevokeSession::new);
    f.http(ListUsers.class, Void.class, ListUsers::new);
    f.http(GetUser.class, Void.class, GetUser::new);
    f.http(UpdateUser.class, UpdateUser.Request.class, UpdateUser::new);
    f.http(DeleteUser.class, Void.class, DeleteUser::new);
    f.http(Jwks.class, Void.class, () -> new Jwks(p::signingKeys));
  }
}
