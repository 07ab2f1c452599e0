package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.RequiredTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CloudFormation allows 500 resources per stack; the template must stay at or below 450 once SAM
 * has expanded it, leaving room for a release that adds a domain.
 *
 * <p>The expansion is estimated from the template itself: each AWS::Serverless::Function becomes
 * the function, its published version and its alias (SnapStart), plus one resource per event (an
 * SQS event source mapping, a schedule) and one for an EventInvokeConfig; it would add a role too,
 * but every function names its module's shared role. The AWS::Serverless::HttpApi adds its stage.
 * Where aws-sam-translator is installed the estimate is checked against the real transform.
 */
class ResourceBudgetTest {

  static final int BUDGET = 450;

  @Test
  void the_template_stays_within_the_budget() {
    int resources = estimate(Repository.yaml(Repository.checkedInTemplate()));

    assertThat(resources)
        .as("template.yaml expands to about %d resources; the budget is %d of CloudFormation's 500. "
            + "Move a domain into a nested stack or share more per-function resources.", resources, BUDGET)
        .isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void the_estimate_is_what_the_sam_transform_makes() {
    RequiredTool.require(RequiredTool.succeeds("python3", "-c", "import samtranslator"), "aws-sam-translator", "pip install aws-sam-translator");
    Path script = Path.of("src/test/resources/sam-resource-count.py").toAbsolutePath();

    for (Path template : List.of(Repository.checkedInTemplate(), Repository.sampleTemplateFile())) {
      Tools.Result transformed = Tools.run(Repository.BUILD.getParent(), "", Map.of("AWS_DEFAULT_REGION", "us-east-1"),
          List.of("python3", script.toString(), template.toString()));
      assertThat(transformed.exitCode()).as(transformed.both()).isZero();
      assertThat(Integer.parseInt(transformed.stdout().trim())).as(template.toString()).isEqualTo(estimate(Repository.yaml(template)));
    }
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
