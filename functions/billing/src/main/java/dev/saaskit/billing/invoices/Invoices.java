package dev.saaskit.billing.invoices;

import com.stripe.model.InvoicePayment;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization's {@code billing_invoices} and {@code billing_payments}: read by the routes with
 * the organization from the caller's credentials, written only from invoices fetched from Stripe.
 */
public final class Invoices {

  private static final String INVOICE_COLUMNS =
      """
      id, number, status, currency, amount_due, amount_paid, hosted_invoice_url, invoice_pdf, period_start, period_end,
      stripe_invoice_id, stripe_subscription_id, created_at
      """;

  private final Handle db;
  private final UUID organization;

  public Invoices(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  public Optional<Invoice> find(UUID id) {
    return db.createQuery("select " + INVOICE_COLUMNS + " from billing_invoices where id = :id and organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> invoice(rs))
        .findOne();
  }

  public List<Invoice> list(PageRequest page) {
    return db.createQuery("select " + INVOICE_COLUMNS
            + """
               from billing_invoices
              where organization_id = :org and (cast(:after as uuid) is null or id > cast(:after as uuid))
              order by id limit :limit
            """)
        .bind("org", organization)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> invoice(rs))
        .list();
  }

  public List<Payment> payments(PageRequest page) {
    return db.createQuery(
            """
            select p.id, i.id as invoice_id, p.status, p.currency, p.amount, p.stripe_payment_intent_id, p.created_at
              from billing_payments p join billing_invoices i on i.stripe_invoice_id = p.stripe_invoice_id
             where p.organization_id = :org and (cast(:after as uuid) is null or p.id > cast(:after as uuid))
             order by p.id limit :limit
            """)
        .bind("org", organization)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> new Payment(rs.getObject("id", UUID.class), rs.getObject("invoice_id", UUID.class), rs.getString("status"),
            rs.getString("currency"), rs.getLong("amount"), rs.getString("stripe_payment_intent_id"), time(rs, "created_at")))
        .list();
  }

  /** Writes Stripe's current state of an invoice of this organization, and of its payments. */
  public Invoice save(com.stripe.model.Invoice i) {
    String subscription = i.getParent() != null && i.getParent().getSubscriptionDetails() != null
        ? i.getParent().getSubscriptionDetails().getSubscription() : null;
    Invoice saved = db.createQuery(
            """
            insert into billing_invoices (id, organization_id, stripe_invoice_id, stripe_subscription_id, number, status, currency,
                                          amount_due, amount_paid, hosted_invoice_url, invoice_pdf, period_start, period_end, created_at)
            values (:id, :org, :stripe_id, :subscription, :number, :status, :currency, :due, :paid, :hosted, :pdf, :period_start,
                    :period_end, :created)
            on conflict (stripe_invoice_id) do update
               set stripe_subscription_id = excluded.stripe_subscription_id, number = excluded.number, status = excluded.status,
                   amount_due = excluded.amount_due, amount_paid = excluded.amount_paid,
                   hosted_invoice_url = excluded.hosted_invoice_url, invoice_pdf = excluded.invoice_pdf, updated_at = now()
             where billing_invoices.organization_id = excluded.organization_id
            returning\s"""
                + INVOICE_COLUMNS)
        .bind("id", Ids.newId())
        .bind("org", organization)
        .bind("stripe_id", i.getId())
        .bind("subscription", subscription)
        .bind("number", i.getNumber())
        .bind("status", i.getStatus())
        .bind("currency", i.getCurrency())
        .bind("due", i.getAmountDue())
        .bind("paid", i.getAmountPaid())
        .bind("hosted", i.getHostedInvoiceUrl())
        .bind("pdf", i.getInvoicePdf())
        .bind("period_start", instant(i.getPeriodStart()))
        .bind("period_end", instant(i.getPeriodEnd()))
        .bind("created", instant(i.getCreated()))
        .map(rs -> invoice(rs))
        .one();
    if (i.getPayments() != null && i.getPayments().getData() != null) {
      for (InvoicePayment p : i.getPayments().getData()) {
        db.createUpdate(
                """
                insert into billing_payments (id, organization_id, stripe_invoice_payment_id, stripe_invoice_id, stripe_payment_intent_id,
                                              status, currency, amount, created_at)
                values (:id, :org, :stripe_id, :invoice, :intent, :status, :currency, :amount, :created)
                on conflict (stripe_invoice_payment_id) do update
                   set status = excluded.status, amount = excluded.amount, updated_at = now()
                 where billing_payments.organization_id = excluded.organization_id
                """)
            .bind("id", Ids.newId())
            .bind("org", organization)
            .bind("stripe_id", p.getId())
            .bind("invoice", i.getId())
            .bind("intent", p.getPayment() == null ? null : p.getPayment().getPaymentIntent())
            .bind("status", p.getStatus())
            .bind("currency", p.getCurrency())
            .bind("amount", "paid".equals(p.getStatus()) ? p.getAmountPaid() : p.getAmountRequested())
            .bind("created", instant(p.getCreated()))
            .execute();
      }
    }
    return saved;
  }

  private static Invoice invoice(ResultSet rs) throws SQLException {
    return new Invoice(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("status"), rs.getString("currency"),
        rs.getLong("amount_due"), rs.getLong("amount_paid"), rs.getString("hosted_invoice_url"), rs.getString("invoice_pdf"),
        time(rs, "period_start"), time(rs, "period_end"), rs.getString("stripe_invoice_id"), rs.getString("stripe_subscription_id"),
        time(rs, "created_at"));
  }

  private static Instant instant(Long epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
  }

  private static Instant time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
