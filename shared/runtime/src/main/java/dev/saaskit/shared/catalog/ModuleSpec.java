package dev.saaskit.shared.catalog;

/**
 * A domain module: one Maven module under {@code functions/}, one deployable artifact, and the
 * {@code ApplicationContextInitializer} that registers its functions (Lambda's {@code MAIN_CLASS}).
 *
 * @param signsTokens whether its functions sign access tokens (sign users in); the deployment gives
 *     only those the private signing keys ({@code JWT_SIGNING_KEYS_SECRET_ARN}), every other
 *     function verifies with the public set alone
 */
public record ModuleSpec(String name, String initializer, boolean signsTokens) {

  public String directory() {
    return "functions/" + name;
  }
}
