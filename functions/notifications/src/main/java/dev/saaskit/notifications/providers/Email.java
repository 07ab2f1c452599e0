package dev.saaskit.notifications.providers;

/** One email to one address; {@code html} may be null (text only). */
public record Email(String from, String to, String subject, String text, String html) {}
