package dev.saaskit.notifications.providers;

/** What a provider answered for a message it accepted: who it was and its id for the message. */
public record Sent(String provider, String messageId) {}
