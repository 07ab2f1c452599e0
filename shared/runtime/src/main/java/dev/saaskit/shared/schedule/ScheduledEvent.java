package dev.saaskit.shared.schedule;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The event a schedule delivers: EventBridge's "Scheduled Event" shape, which the deployment has
 * EventBridge Scheduler send as the target input. Fields beyond these are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledEvent(
    String id,
    @JsonProperty("detail-type") String detailType,
    String source,
    String time,
    List<String> resources,
    Map<String, Object> detail) {}
