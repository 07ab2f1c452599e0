package dev.saaskit.notifications.sending;

import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of a message: to one recipient on one channel.
 *
 * @param status {@code queued}, {@code sent}, {@code failed} or {@code suppressed}
 * @param reason why it failed (the provider's words) or was suppressed ({@code preference}, {@code
 *     bounce}, {@code complaint}, {@code no_address}, {@code not_a_member})
 * @param nextAttemptAt while queued, when it is tried (next)
 */
public record DeliveryView(
    UUID id,
    String channel,
    UUID userId,
    String address,
    String status,
    String reason,
    String provider,
    int attempts,
    Instant nextAttemptAt,
    Instant sentAt) {}
