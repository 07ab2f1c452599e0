package dev.saaskit.shared.logs;

/**
 * One log line as CloudWatch Logs delivers it: its id (unique within the log group, the same on
 * every redelivery), its time in epoch milliseconds, and the line itself.
 */
public record LogEvent(String id, long timestamp, String message) {}
