package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.RequiredTool;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** samconfig.toml names the template's parameters, all that have no default, for both stacks. */
class SamConfigTest {

  private static final List<String> ENVIRONMENTS = List.of("default", "prod");

  private static JsonNode config;

  @BeforeAll
  static void readConfig() {
    // Python 3.11+ reads TOML; the Maven registry here holds no TOML reader for Jackson 3.
    RequiredTool.require(RequiredTool.succeeds("python3", "-c", "import tomllib"), "python3 3.11 or newer (tomllib)", "it reads samconfig.toml");
    Tools.Result toml = Tools.run(Repository.ROOT, "python3", "-c",
        "import json, sys, tomllib; print(json.dumps(tomllib.load(open('samconfig.toml', 'rb'))))");
    assertThat(toml.exitCode()).as(toml.stderr()).isZero();
    config = Json.tree(toml.stdout());
  }

  @Test
  void each_stack_has_its_name_region_and_capabilities() {
    assertThat(config.path("default").path("global").path("parameters").path("stack_name").asString()).isEqualTo("saaskit-dev");
    assertThat(config.path("prod").path("global").path("parameters").path("stack_name").asString()).isEqualTo("saaskit-prod");
    for (String env : ENVIRONMENTS) {
      assertThat(config.path(env).path("global").path("parameters").path("region").asString()).isNotBlank();
      assertThat(config.path(env).path("deploy").path("parameters").path("capabilities").asString())
          .isEqualTo("CAPABILITY_IAM CAPABILITY_AUTO_EXPAND");
      assertThat(config.path(env).path("deploy").path("parameters").path("tags").asString())
          .as("cost-allocation tags, which CloudFormation puts on every resource of the stack and its nested stacks")
          .contains("project=saaskit", "stack=");
    }
  }

  @Test
  void each_stack_sets_every_required_parameter_and_only_parameters_the_template_has() {
    JsonNode parameters = Repository.yaml(Repository.checkedInTemplate()).path("Parameters");
    Set<String> required = new HashSet<>();
    parameters.properties().forEach(p -> {
      if (!p.getValue().has("Default")) {
        required.add(p.getKey());
      }
    });

    for (String env : ENVIRONMENTS) {
      Set<String> overridden = new HashSet<>();
      config.path(env).path("deploy").path("parameters").path("parameter_overrides")
          .forEach(o -> overridden.add(o.asString().substring(0, o.asString().indexOf('='))));
      assertThat(overridden).as(env).containsAll(required);
      assertThat(overridden).as(env).allSatisfy(name -> assertThat(parameters.has(name)).as(name + " in template.yaml").isTrue());
    }
  }
}
