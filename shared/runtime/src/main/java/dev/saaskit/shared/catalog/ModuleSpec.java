package dev.saaskit.shared.catalog;

/**
 * A domain module: one Maven module under {@code functions/}, one deployable artifact, and the
 * {@code ApplicationContextInitializer} that registers its functions (Lambda's {@code MAIN_CLASS}).
 */
public record ModuleSpec(String name, String initializer) {

  public String directory() {
    return "functions/" + name;
  }
}
