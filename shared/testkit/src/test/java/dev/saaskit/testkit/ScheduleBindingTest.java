package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScheduleBindingTest {

  @Test
  void a_scheduled_function_gets_the_eventbridge_event() {
    var event = Events.scheduled("arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick");

    JsonNode result = Json.tree(Lambda.invoke("tick", event.toString()));

    assertThat(result.path("event_id").asString()).isEqualTo(event.path("id").asString());
    assertThat(result.path("detail_type").asString()).isEqualTo("Scheduled Event");
    assertThat(result.path("source").asString()).isEqualTo("aws.events");
  }
}
