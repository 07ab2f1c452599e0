package dev.saaskit.support.tickets;

import dev.saaskit.support.sla.SlaClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ticket as stored: what the API shows ({@link #view}) and the SLA clocks' state behind it.
 */
public record Ticket(
    UUID id,
    UUID organizationId,
    UUID requesterId,
    String subject,
    Status status,
    String priority,
    UUID assigneeId,
    List<String> tags,
    List<UUID> followerIds,
    Instant createdAt,
    Instant updatedAt,
    Instant firstRespondedAt,
    Instant solvedAt,
    Instant closedAt,
    SlaClock clock,
    Instant firstResponseBreachedAt,
    Instant resolutionBreachedAt) {

  /** A ticket as the API answers it. */
  public record View(
      UUID id,
      UUID organizationId,
      UUID requesterId,
      String subject,
      String status,
      String priority,
      UUID assigneeId,
      List<String> tags,
      List<UUID> followerIds,
      Instant createdAt,
      Instant updatedAt,
      Instant firstRespondedAt,
      Instant solvedAt,
      Instant closedAt,
      Sla sla) {}

  /** Both SLA clocks. */
  public record Sla(Clock firstResponse, Clock resolution) {}

  /**
   * One SLA clock.
   *
   * @param targetMinutes working minutes the plan allows for the priority; null: no SLA
   * @param dueAt when the target is reached if the clock keeps running; null while paused or without SLA
   * @param paused the ticket waits ({@code pending}, {@code on_hold}) and the clock does not count
   * @param achievedAt the first agent reply, or when the ticket was solved
   * @param breached the target was or is missed
   */
  public record Clock(Integer targetMinutes, Instant dueAt, boolean paused, Instant achievedAt, boolean breached) {}

  public boolean responded() {
    return firstRespondedAt != null;
  }

  public View view(Instant now) {
    boolean paused = status.phase() == SlaClock.Phase.PAUSED;
    Clock firstResponse = new Clock(clock.firstResponseMinutes(), clock.firstResponseDueAt(), paused && !responded(), firstRespondedAt,
        SlaClock.breached(firstResponseBreachedAt, clock.firstResponseDueAt(), firstRespondedAt, now));
    Clock resolution = new Clock(clock.resolutionMinutes(), clock.resolutionDueAt(), paused, solvedAt,
        SlaClock.breached(resolutionBreachedAt, clock.resolutionDueAt(), solvedAt, now));
    return new View(id, organizationId, requesterId, subject, status.code(), priority, assigneeId, tags, followerIds, createdAt,
        updatedAt, firstRespondedAt, solvedAt, closedAt, new Sla(firstResponse, resolution));
  }
}
