package dev.saaskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  @Test
  void a_run_that_lost_its_connection_leaves_the_container_a_new_one_for_the_next_run() {
    String tick = Events.scheduled("arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick").toString();
    assertThat(Json.tree(Lambda.invoke("tick", tick)).path("database").asString()).isNotEmpty();
    int killed = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            """
            select count(pg_terminate_backend(pid)) from pg_stat_activity
             where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            """)
        .mapTo(Integer.class).one());
    assumeTrue(killed >= 1, "connected through a pooler: no server session belongs to the container");

    // The run on the dead connection may fail (the scheduler retries it); the one after must not.
    catchThrowable(() -> Lambda.invoke("tick", tick));

    assertThat(Json.tree(Lambda.invoke("tick", tick)).path("database").asString()).isNotEmpty();
  }
}
