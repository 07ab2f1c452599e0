package dev.saaskit.local;

import dev.saaskit.shared.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event a schedule delivers: EventBridge's "Scheduled Event" shape, with the schedule's ARN as
 * its resource and the scheduled time to the second.
 */
final class ScheduledEvents {

  private ScheduledEvents() {}

  static ObjectNode event(String scheduleName, Instant scheduledTime, String region) {
    ObjectNode event = Json.object();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.scheduler");
    event.put("account", LocalAws.ACCOUNT);
    event.put("time", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", region);
    event.putArray("resources").add("arn:aws:scheduler:" + region + ":" + LocalAws.ACCOUNT + ":schedule/default/" + scheduleName);
    event.putObject("detail");
    return event;
  }
}
