package dev.saaskit.workers.templates;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A workflow template as the API shows it: one version of its definition, the current one unless asked for another. */
public record Template(
    UUID id,
    String name,
    int version,
    int currentVersion,
    String description,
    Map<String, Definition.Parameter> parameters,
    List<Definition.Step> steps,
    @JsonProperty("notify") Definition.JobNotice jobNotice,
    Instant createdAt,
    Instant updatedAt) {

  static Template of(UUID id, int version, int currentVersion, Definition d, Instant createdAt, Instant updatedAt) {
    return new Template(id, d.name(), version, currentVersion, d.description(), d.parametersOrNone(), d.steps(), d.jobNotice(), createdAt,
        updatedAt);
  }
}
