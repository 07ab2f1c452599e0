package dev.saaskit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MigrateTest {

  @Test
  void migrating_an_up_to_date_database_applies_nothing_and_reports_the_version() {
    JsonNode result = Json.tree(Lambda.invoke("migrate", "{}"));

    assertThat(result.path("applied").asInt()).isZero();
    int latest = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
        "select max(cast(version as int)) from flyway_schema_history where success").mapTo(Integer.class).one());
    assertThat(result.path("version").asString()).isEqualTo(String.valueOf(latest));
  }
}
