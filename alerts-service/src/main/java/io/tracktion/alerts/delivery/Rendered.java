package io.tracktion.alerts.delivery;

/** A message as the subscriber reads it: one line of subject, plain text, HTML. */
public record Rendered(String subject, String text, String html) {
}
