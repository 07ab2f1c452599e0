-- Billing: what the organizations buy through Stripe. Stripe holds the truth about customers,
-- subscriptions, invoices and payments; these tables keep billing's copy of the current state,
-- written from objects fetched from Stripe (never from a webhook's payload). Money is in minor
-- units of its currency (ISO 4217, lower case, as Stripe writes it).

-- The price of each plan per currency. Operators change an amount with SQL; the Stripe price with
-- the lookup key is found, or created, the first time someone subscribes in that currency.
create table billing_prices (
    plan            text    not null references plans (code),
    currency        text    not null,
    unit_amount     bigint  not null,
    billing_interval text   not null default 'month',
    lookup_key      text    not null,
    stripe_price_id text,
    primary key (plan, currency),
    constraint billing_prices_currency_format check (currency ~ '^[a-z]{3}$'),
    constraint billing_prices_amount_positive check (unit_amount > 0),
    constraint billing_prices_interval_known check (billing_interval in ('month', 'year'))
);
create unique index billing_prices_lookup_key on billing_prices (lookup_key);

insert into billing_prices (plan, currency, unit_amount, lookup_key) values
    ('pro',        'usd', 2900,  'saaskit_pro_usd_month'),
    ('pro',        'eur', 2700,  'saaskit_pro_eur_month'),
    ('enterprise', 'usd', 49900, 'saaskit_enterprise_usd_month'),
    ('enterprise', 'eur', 46900, 'saaskit_enterprise_eur_month');

-- One Stripe customer per organization, made on first use. entitled_plan is the plan billing last
-- told identity the organization is entitled to; plan_version numbers those messages, so identity
-- applies them in order whatever order they arrive in.
create table billing_customers (
    organization_id    uuid primary key references organizations (id) on delete cascade,
    stripe_customer_id text        not null,
    entitled_plan      text        not null default 'free',
    plan_version       bigint      not null default 0,
    created_at         timestamptz not null default now()
);
create unique index billing_customers_stripe_id on billing_customers (stripe_customer_id);

create table billing_subscriptions (
    id                     uuid primary key,
    organization_id        uuid        not null references organizations (id) on delete cascade,
    stripe_subscription_id text        not null,
    stripe_customer_id     text        not null,
    plan                   text        not null references plans (code),
    currency               text        not null,
    unit_amount            bigint      not null,
    stripe_price_id        text        not null,
    status                 text        not null,
    cancel_at_period_end   boolean     not null default false,
    current_period_start   timestamptz,
    current_period_end     timestamptz,
    trial_end              timestamptz,
    canceled_at            timestamptz,
    ended_at               timestamptz,
    cancellation_reason    text,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint billing_subscriptions_status_known check (status in (
        'active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'))
);
create unique index billing_subscriptions_stripe_id on billing_subscriptions (stripe_subscription_id);
create index billing_subscriptions_organization on billing_subscriptions (organization_id, id);

create table billing_invoices (
    id                     uuid primary key,
    organization_id        uuid        not null references organizations (id) on delete cascade,
    stripe_invoice_id      text        not null,
    stripe_subscription_id text,
    number                 text,
    status                 text        not null,
    currency               text        not null,
    amount_due             bigint      not null,
    amount_paid            bigint      not null,
    hosted_invoice_url     text,
    invoice_pdf            text,
    period_start           timestamptz,
    period_end             timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null default now()
);
create unique index billing_invoices_stripe_id on billing_invoices (stripe_invoice_id);
create index billing_invoices_organization on billing_invoices (organization_id, id);

-- The payments of invoices (Stripe's invoice payments, each with its payment intent).
create table billing_payments (
    id                        uuid primary key,
    organization_id           uuid        not null references organizations (id) on delete cascade,
    stripe_invoice_payment_id text        not null,
    stripe_invoice_id         text        not null,
    stripe_payment_intent_id  text,
    status                    text        not null,
    currency                  text        not null,
    amount                    bigint      not null,
    created_at                timestamptz not null,
    updated_at                timestamptz not null default now()
);
create unique index billing_payments_stripe_id on billing_payments (stripe_invoice_payment_id);
create index billing_payments_organization on billing_payments (organization_id, id);

-- Every Stripe event the webhook accepted, once: the primary key is what makes a repeated
-- delivery a no-op. processed_at is set by the consumer that applied it.
create table billing_events (
    id           text primary key,
    type         text        not null,
    object_type  text,
    object_id    text,
    api_version  text,
    created_at   timestamptz not null,
    received_at  timestamptz not null default now(),
    processed_at timestamptz
);

-- API usage reported to Stripe as meter events. A row is written and committed before it is sent;
-- its identifier is the meter event's, so a send repeated after a crash is one event to Stripe.
create table billing_usage_reports (
    organization_id    uuid        not null references organizations (id) on delete cascade,
    day                date        not null,
    sequence           integer     not null,
    quantity           bigint      not null,
    identifier         text        not null,
    stripe_customer_id text        not null,
    created_at         timestamptz not null default now(),
    sent_at            timestamptz,
    primary key (organization_id, day, sequence),
    constraint billing_usage_reports_quantity_positive check (quantity > 0)
);
create unique index billing_usage_reports_identifier on billing_usage_reports (identifier);
create index billing_usage_reports_unsent on billing_usage_reports (created_at) where sent_at is null;

-- Identity applies billing's plan messages in order: the version of the last one it applied.
alter table organizations add column plan_version bigint not null default 0;
