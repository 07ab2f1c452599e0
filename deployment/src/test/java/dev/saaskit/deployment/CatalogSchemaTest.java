package dev.saaskit.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * functions/catalog.schema.json, the schema editors check the catalog with, accepts the catalogs
 * the build's loader accepts and refuses what the loader refuses for the same reasons.
 */
class CatalogSchemaTest {

  static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
      .getSchema(new String(Repository.read(Repository.ROOT.resolve("functions/catalog.schema.json")), StandardCharsets.UTF_8), InputFormat.JSON);

  static List<Error> errors(String yaml) {
    return SCHEMA.validate(Repository.yaml(yaml));
  }

  @Test
  void the_catalog_and_the_sample_catalog_are_valid() {
    assertThat(SCHEMA.validate(Repository.yaml(Repository.ROOT.resolve(SamTemplate.CATALOG)))).isEmpty();
    assertThat(SCHEMA.validate(Repository.yaml(new String(Repository.sampleCatalogBytes(), StandardCharsets.UTF_8)))).isEmpty();
  }

  @Test
  void the_catalog_names_its_schema_for_editors() {
    assertThat(new String(Repository.read(Repository.ROOT.resolve(SamTemplate.CATALOG)), StandardCharsets.UTF_8))
        .startsWith("# yaml-language-server: $schema=catalog.schema.json");
  }

  @Test
  void unknown_keys_two_triggers_and_bad_values_are_refused() {
    String modules = "modules: {keys: {initializer: dev.example.KeysFunctions}}\n";
    assertThat(errors(modules + """
        functions:
          - {name: a, module: keys, handler: dev.example.A, bean: a, http: {method: GET, path: /a}, access: public}
        """)).isNotEmpty();
    assertThat(errors(modules + """
        functions:
          - {name: a, module: keys, handler: dev.example.A, http: {method: GET, path: /a}, schedule: {expression: rate(1 minute)}}
        """)).isNotEmpty();
    assertThat(errors(modules + """
        functions:
          - {name: A, module: keys, handler: dev.example.A, http: {method: FETCH, path: /a}, access: {roles: [owner]}, memory: 64}
        """)).hasSizeGreaterThanOrEqualTo(4);
    assertThat(errors(modules + """
        functions:
          - {name: a, module: keys, handler: dev.example.A, http: {method: GET, path: /a}, access: public}
        """)).isEmpty();
  }

  @Test
  void module_settings_are_texts_or_parameters_and_a_secret_takes_no_default() {
    String functions = "functions: []\n";
    assertThat(errors("""
        modules:
          keys:
            initializer: dev.example.KeysFunctions
            settings:
              MODE: fast
              APP_URL: {parameter: app_url, description: the front end, pattern: 'https://.+'}
              KEY_SECRET_ARN: {parameter: key_secret_arn, description: the key, secret: true}
            sends_email: {feedback_queue: bounces}
            sends_sms: true
        """ + functions)).isEmpty();
    assertThat(errors("""
        modules:
          keys:
            initializer: dev.example.KeysFunctions
            settings:
              lower_case: x
              APP_URL: {parameter: App-Url}
              KEY_SECRET_ARN: {parameter: key_secret_arn, description: the key, secret: true, default: "arn:aws:x"}
            sends_email: {}
        """ + functions)).hasSizeGreaterThanOrEqualTo(4);
  }
}
