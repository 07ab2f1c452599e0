package dev.saaskit.shared.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain module: one Maven module under {@code functions/}, one deployable artifact, and the
 * {@code ApplicationContextInitializer} that registers its functions (Lambda's {@code MAIN_CLASS});
 * and what its functions need in AWS beside what every function gets: its own settings, whether it
 * sends email through SES (and where SES's bounces and complaints go) and text messages through SNS.
 *
 * @param settings the environment every function of the module gets in a deployment, by variable name
 * @param emailFeedbackQueue the queue SES's bounce and complaint reports go to when the module sends
 *     email through SES; null when it does not
 * @param sendsSms whether the module's functions publish text messages through SNS
 */
public record ModuleSpec(String name, String initializer, Map<String, Setting> settings, String emailFeedbackQueue, boolean sendsSms) {

  /**
   * A setting of a module's functions: a fixed {@code value}, or the value of a deployment
   * {@code parameter} (SAM: its name in PascalCase; Terraform: a key of {@code module_parameters}),
   * with its {@code defaultValue} (null: the deployer must give one) and a {@code pattern} the value
   * must match. A {@code secret} parameter is the ARN of a Secrets Manager secret, which the module's
   * functions, and no others, may read.
   */
  public record Setting(String value, String parameter, String description, String defaultValue, String pattern, boolean secret) {

    public static Setting fixed(String value) {
      return new Setting(value, null, null, null, null, false);
    }

    public boolean isParameter() {
      return parameter != null;
    }
  }

  public ModuleSpec(String name, String initializer) {
    this(name, initializer, Map.of(), null, false);
  }

  public ModuleSpec {
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  public String directory() {
    return "functions/" + name;
  }

  public boolean sendsEmail() {
    return emailFeedbackQueue != null;
  }

  /** The settings given by deployment parameters, in the catalog's order. */
  public List<Setting> parameters() {
    return settings.values().stream().filter(Setting::isParameter).toList();
  }

  /** The secrets' parameters: the module's functions may read exactly these secrets. */
  public List<Setting> secrets() {
    return settings.values().stream().filter(Setting::secret).toList();
  }
}
