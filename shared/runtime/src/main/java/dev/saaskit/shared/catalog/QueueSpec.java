package dev.saaskit.shared.catalog;

/** An SQS queue and its dead-letter queue ({@code <name>-dlq}). */
public record QueueSpec(String name, int visibilityTimeoutSeconds, int retentionDays) {

  public String deadLetterName() {
    return name + "-dlq";
  }
}
