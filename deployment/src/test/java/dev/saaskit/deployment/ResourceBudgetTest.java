package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.RequiredTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CloudFormation allows 500 resources, 200 parameters and 200 outputs per stack, and a template of
 * 1 MB; every stack, the shared one and each module's, must stay at or below 450 resources once SAM
 * has expanded it, for this catalog and for one of 300 functions ({@link GeneratedCatalog}).
 *
 * <p>The expansion is estimated from the template itself: each AWS::Serverless::Function becomes
 * the function, its published version and its alias (SnapStart), plus one resource per event (an
 * SQS event source mapping, a schedule) and one for an EventInvokeConfig; it would add a role too,
 * but every function names its role. The AWS::Serverless::HttpApi adds its stage. Where
 * aws-sam-translator is installed the estimate is checked against the real transform.
 */
class ResourceBudgetTest {

  static final int BUDGET = 450;
  static final int MAX_TEMPLATE_BYTES = 1_000_000;

  @Test
  void every_stack_of_the_checked_in_deployment_stays_within_the_budget() {
    assertWithinLimits(Repository.checkedInDeployment());
  }

  @Test
  void every_stack_of_a_catalog_of_300_functions_stays_within_the_budget() {
    Map<String, JsonNode> deployment = Repository.deployment(GeneratedCatalog.of());

    assertThat(deployment).hasSize(GeneratedCatalog.MODULES + 1);
    assertWithinLimits(deployment);
    SamTemplate.render(GeneratedCatalog.of()).forEach((file, text) ->
        assertThat(text.length()).as(file + " in bytes").isLessThan(MAX_TEMPLATE_BYTES));
  }

  @Test
  void the_estimate_is_what_the_sam_transform_makes() {
    RequiredTool.require(RequiredTool.succeeds("python3", "-c", "import samtranslator"), "aws-sam-translator", "pip install aws-sam-translator");
    Path script = Path.of("src/test/resources/sam-resource-count.py").toAbsolutePath();
    Path sample = Repository.writeDeployment(Repository.sampleCatalog(), "sample-deployment").getParent();

    for (Path root : List.of(Repository.ROOT, sample)) {
      for (String file : SamTemplate.render(root.equals(sample) ? Repository.sampleCatalog() : Repository.catalog()).keySet()) {
        Path template = root.resolve(file);
        Tools.Result transformed = Tools.run(Repository.BUILD.getParent(), "", Map.of("AWS_DEFAULT_REGION", "us-east-1"),
            List.of("python3", script.toString(), template.toString()));
        assertThat(transformed.exitCode()).as(transformed.both()).isZero();
        assertThat(Integer.parseInt(transformed.stdout().trim())).as(template.toString()).isEqualTo(estimate(Repository.yaml(template)));
      }
    }
  }

  private static void assertWithinLimits(Map<String, JsonNode> deployment) {
    deployment.forEach((file, template) -> {
      int resources = estimate(template);
      assertThat(resources)
          .as("%s expands to about %d resources; the budget is %d of CloudFormation's 500. Split the module, or share more"
              + " per-function resources.", file, resources, BUDGET)
          .isLessThanOrEqualTo(BUDGET);
      assertThat(template.path("Parameters").size()).as(file + " parameters").isLessThanOrEqualTo(200);
      assertThat(template.path("Outputs").size()).as(file + " outputs").isLessThanOrEqualTo(200);
    });
  }

  static int estimate(JsonNode template) {
    int count = 0;
    for (JsonNode resource : template.path("Resources")) {
      count++;
      JsonNode properties = resource.path("Properties");
      switch (resource.path("Type").asString()) {
        case "AWS::Serverless::Function" -> {
          count += 2 + properties.path("Events").size();
          count += properties.has("EventInvokeConfig") ? 1 : 0;
          count += properties.has("Role") ? 0 : 1;
        }
        case "AWS::Serverless::HttpApi" -> count += 1;
        default -> {
          // Plain CloudFormation: one resource as written.
        }
      }
    }
    return count;
  }
}
