package dev.saaskit.local;

import dev.saaskit.shared.catalog.Catalog;
import dev.saaskit.shared.catalog.FunctionSpec;
import dev.saaskit.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The platform's first user, made as an operator makes it in AWS: by invoking identity's {@code
 * seed-super-admin} function, which owns accounts. The email and password come from {@code
 * SEED_ADMIN_EMAIL} / {@code SEED_ADMIN_PASSWORD}, or a password is generated and shown once, when
 * the user is created. A password given in the settings is applied on every start, so the settings
 * stay the truth.
 */
final class AdminSeed {

  static final String DEFAULT_EMAIL = "admin@saaskit.local";
  static final String FUNCTION = "seed-super-admin";

  /** What the seed did; {@code password} is set only when this start chose or applied it. */
  record Result(String email, String password, boolean created) {}

  private AdminSeed() {}

  /** Empty when the catalog has no {@value #FUNCTION} function (an emulator of another catalog). */
  static Optional<Result> ensure(Catalog catalog, FunctionContainers containers, Optional<String> emailSetting, Optional<String> passwordSetting) {
    Optional<FunctionSpec> seed = catalog.named(FUNCTION);
    if (seed.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> input = new LinkedHashMap<>();
    input.put("email", emailSetting.orElse(DEFAULT_EMAIL));
    passwordSetting.ifPresent(p -> input.put("password", p));
    JsonNode output;
    try {
      output = Json.tree(new String(containers.invoke(seed.get(), Json.write(input).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    } catch (FunctionContainers.InvocationFailure e) {
      throw new StartupException("SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD: " + FUNCTION + " refused them: " + e.getMessage(), e);
    }
    String password = output.path("password").isString() ? output.path("password").asString() : passwordSetting.orElse(null);
    return Optional.of(new Result(output.path("email").asString(), password, output.path("created").asBoolean()));
  }
}
