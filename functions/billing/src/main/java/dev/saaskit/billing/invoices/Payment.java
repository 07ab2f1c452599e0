package dev.saaskit.billing.invoices;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment of an invoice (Stripe's invoice payment), in minor units of {@code currency}.
 *
 * @param status {@code paid}, {@code open} (not paid yet, or failed and awaiting a retry) or {@code canceled}
 */
public record Payment(
    UUID id,
    UUID invoiceId,
    String status,
    String currency,
    long amount,
    String stripePaymentIntentId,
    Instant createdAt) {}
