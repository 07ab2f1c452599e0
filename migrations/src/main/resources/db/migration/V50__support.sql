-- Support: tickets, their followers, comments and internal notes, attachments in S3, SLA targets per
-- plan and each organization's business calendar. Every organization-owned row references
-- organizations (id) on delete cascade, so the purge of an organization takes them with it. Actor
-- columns (requester, author, assignee, uploader) carry no foreign key, like audit_logs: they record
-- who acted, whatever becomes of that account.

-- Targets in minutes of working time, per plan (plans.code) and priority. A plan or priority without
-- a row has no SLA. Operators change them with SQL, as they change the plans' limits.
create table support_sla_policies (
    plan                   text    not null,
    priority               text    not null,
    first_response_minutes integer not null,
    resolution_minutes     integer not null,
    primary key (plan, priority),
    constraint support_sla_policies_priority_known check (priority in ('low', 'normal', 'high', 'urgent')),
    constraint support_sla_policies_positive check (first_response_minutes > 0 and resolution_minutes > 0)
);

insert into support_sla_policies (plan, priority, first_response_minutes, resolution_minutes) values
    ('free',       'low',    2880, 14400),
    ('free',       'normal', 1440,  7200),
    ('free',       'high',    480,  2880),
    ('free',       'urgent',  240,  1440),
    ('pro',        'low',     960,  4800),
    ('pro',        'normal',  480,  2400),
    ('pro',        'high',    120,   960),
    ('pro',        'urgent',   60,   480),
    ('enterprise', 'low',     480,  2400),
    ('enterprise', 'normal',  240,  1440),
    ('enterprise', 'high',     60,   480),
    ('enterprise', 'urgent',   30,   240);

-- When an organization's support works; without a row, every day all day in UTC.
create table support_calendars (
    organization_id uuid primary key references organizations (id) on delete cascade,
    time_zone       text        not null,
    holidays        date[]      not null default '{}',
    updated_at      timestamptz not null default now()
);

-- One span a day; a weekday without a row is closed. weekday is ISO: 1 = Monday.
create table support_business_hours (
    organization_id uuid     not null references support_calendars (organization_id) on delete cascade,
    weekday         smallint not null,
    opens_minute    smallint not null,
    closes_minute   smallint not null,
    primary key (organization_id, weekday),
    constraint support_business_hours_weekday check (weekday between 1 and 7),
    constraint support_business_hours_span check (0 <= opens_minute and opens_minute < closes_minute and closes_minute <= 1440)
);

-- The SLA clocks' state (dev.saaskit.support.sla.SlaClock): targets copied from the policy when the
-- priority is set, working seconds consumed in finished running spans, the start of the running
-- span, the due times while a clock runs (kept when it stops), and when the schedule marked a breach.
create table support_tickets (
    id                         uuid primary key,
    organization_id            uuid        not null references organizations (id) on delete cascade,
    requester_id               uuid        not null,
    subject                    text        not null,
    status                     text        not null default 'new',
    priority                   text        not null default 'normal',
    assignee_id                uuid,
    tags                       text[]      not null default '{}',
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    first_responded_at         timestamptz,
    solved_at                  timestamptz,
    closed_at                  timestamptz,
    first_response_minutes     integer,
    resolution_minutes         integer,
    sla_running_since          timestamptz,
    sla_consumed_seconds       bigint      not null default 0,
    first_response_due_at      timestamptz,
    resolution_due_at          timestamptz,
    first_response_breached_at timestamptz,
    resolution_breached_at     timestamptz,
    constraint support_tickets_status_known check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    constraint support_tickets_priority_known check (priority in ('low', 'normal', 'high', 'urgent')),
    -- Lets followers, comments and attachments hold their ticket and organization together.
    constraint support_tickets_id_organization_key unique (id, organization_id)
);
create index support_tickets_organization on support_tickets (organization_id, id);
create index support_tickets_requester on support_tickets (requester_id, id);
create index support_tickets_assignee on support_tickets (assignee_id, id) where assignee_id is not null;
create index support_tickets_first_response_due on support_tickets (first_response_due_at)
    where first_response_breached_at is null and first_responded_at is null;
create index support_tickets_resolution_due on support_tickets (resolution_due_at)
    where resolution_breached_at is null and solved_at is null;

-- Members of the ticket's organization who see it and hear of it besides its requester.
create table support_ticket_followers (
    ticket_id       uuid        not null,
    organization_id uuid        not null,
    user_id         uuid        not null,
    created_at      timestamptz not null default now(),
    primary key (ticket_id, user_id),
    constraint support_ticket_followers_ticket foreign key (ticket_id, organization_id)
        references support_tickets (id, organization_id) on delete cascade
);
create index support_ticket_followers_user on support_ticket_followers (user_id);

-- Public replies and internal notes (internal: written and read by agents only).
create table support_comments (
    id              uuid primary key,
    ticket_id       uuid        not null,
    organization_id uuid        not null,
    author_id       uuid        not null,
    by_agent        boolean     not null,
    internal        boolean     not null,
    body            text        not null,
    created_at      timestamptz not null default now(),
    constraint support_comments_ticket foreign key (ticket_id, organization_id)
        references support_tickets (id, organization_id) on delete cascade,
    constraint support_comments_internal_by_agent check (not internal or by_agent)
);
create index support_comments_ticket on support_comments (ticket_id, id);

-- Declared files: 'pending' until complete finds the object in S3 as declared, then 'available'.
-- Every row counts against the organization's storage_bytes limit; the purge schedule deletes
-- pending rows (and their objects) whose upload window ended long ago.
create table support_attachments (
    id                uuid primary key,
    ticket_id         uuid        not null,
    organization_id   uuid        not null,
    uploaded_by       uuid        not null,
    file_name         text        not null,
    content_type      text        not null,
    size_bytes        bigint      not null,
    object_key        text        not null unique,
    status            text        not null default 'pending',
    upload_expires_at timestamptz not null,
    created_at        timestamptz not null default now(),
    completed_at      timestamptz,
    constraint support_attachments_ticket foreign key (ticket_id, organization_id)
        references support_tickets (id, organization_id) on delete cascade,
    constraint support_attachments_status_known check (status in ('pending', 'available')),
    constraint support_attachments_size check (size_bytes > 0)
);
create index support_attachments_ticket on support_attachments (ticket_id, id);
create index support_attachments_organization on support_attachments (organization_id);
create index support_attachments_pending on support_attachments (upload_expires_at) where status = 'pending';
