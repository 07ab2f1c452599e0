package dev.saaskit.billing.invoices;

import java.time.Instant;
import java.util.UUID;

/**
 * An invoice of the organization, amounts in minor units of {@code currency}.
 *
 * @param hostedInvoiceUrl Stripe's page of the invoice, where it can also be paid
 * @param invoicePdf the invoice as a PDF
 */
public record Invoice(
    UUID id,
    String number,
    String status,
    String currency,
    long amountDue,
    long amountPaid,
    String hostedInvoiceUrl,
    String invoicePdf,
    Instant periodStart,
    Instant periodEnd,
    String stripeInvoiceId,
    String stripeSubscriptionId,
    Instant createdAt) {}
