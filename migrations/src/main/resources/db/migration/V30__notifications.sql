-- Notifications: templates (platform defaults and organizations' own), the messages sent with them,
-- one delivery per recipient and channel (the in-app inbox is the in_app deliveries), people's
-- preferences, and addresses that bounced or complained. The notifications module owns every table
-- here (migrations/ownership.yaml); organization-owned rows go with their organization.

-- A template: its identity (name, channel, locale) and the version in use. Rows without an
-- organization are the platform's defaults, which an organization overrides with a template of the
-- same name, channel and locale of its own.
create table notification_templates (
    id              uuid primary key,
    organization_id uuid        references organizations (id) on delete cascade,
    name            text        not null,
    channel         text        not null,
    locale          text        not null,
    -- Preferences are per category; 'security' messages ignore them.
    category        text        not null,
    version         integer     not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz,
    constraint notification_templates_channel_known check (channel in ('email', 'sms', 'in_app')),
    constraint notification_templates_category_known check (category in ('security', 'account', 'billing', 'support', 'updates'))
);
create unique index notification_templates_platform_key
    on notification_templates (name, channel, locale) where organization_id is null and deleted_at is null;
create unique index notification_templates_organization_key
    on notification_templates (organization_id, name, channel, locale) where organization_id is not null and deleted_at is null;

-- Every version of a template's content, kept: a message renders the version it was sent with.
create table notification_template_versions (
    template_id uuid        not null references notification_templates (id) on delete cascade,
    version     integer     not null,
    subject     text,
    body        text        not null,
    html_body   text,
    -- The variables a send must give (Mustache names); the template uses no others.
    variables   text[]      not null default '{}',
    created_by_user_id    uuid,
    created_by_api_key_id uuid,
    created_at  timestamptz not null default now(),
    primary key (template_id, version)
);

-- A message: sent through the API (source 'api') or published by another domain on the
-- notifications queue (source 'queue', de-duplicated on the publisher's id of the message).
-- Platform messages to addresses (a password reset) belong to no organization.
create table notifications (
    id               uuid primary key,
    organization_id  uuid        references organizations (id) on delete cascade,
    source           text        not null,
    published_id     text,
    -- The template's name; each delivery records the template and version it renders (one per
    -- channel and locale).
    template_name    text,
    category         text        not null,
    locale           text        not null,
    -- Raw content, when sent without a template.
    subject          text,
    body             text,
    html_body        text,
    -- What the template fills in. It may hold a token (a verification link's), so it is erased
    -- once no delivery of the message is queued any more.
    variables        jsonb,
    send_at          timestamptz not null,
    created_by_user_id    uuid,
    created_by_api_key_id uuid,
    created_at       timestamptz not null default now(),
    constraint notifications_source_known check (source in ('api', 'queue'))
);
create unique index notifications_published_id on notifications (published_id);
create index notifications_organization on notifications (organization_id, id);

-- One delivery per recipient and channel: queued until sent, failed (after its attempts, with the
-- provider's reason) or suppressed (the recipient's preference, a bounced address, no address).
-- An in_app delivery is stored, not sent: it is the recipient's inbox entry.
create table notification_deliveries (
    id               uuid primary key,
    notification_id  uuid        not null references notifications (id) on delete cascade,
    organization_id  uuid        references organizations (id) on delete cascade,
    channel          text        not null,
    -- A member of the organization (identity's users; no foreign key across domains), or null
    -- for a recipient given by address.
    user_id          uuid,
    address          text,
    template_id      uuid        references notification_templates (id),
    template_version integer,
    status           text        not null,
    reason           text,
    provider         text,
    provider_message_id text,
    attempts         integer     not null default 0,
    -- While queued: when the dispatch may try next (send_at, then the back-off after a failure).
    next_attempt_at  timestamptz,
    sent_at          timestamptz,
    -- The rendered in-app message and its state in the inbox.
    subject          text,
    body             text,
    read_at          timestamptz,
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint notification_deliveries_channel_known check (channel in ('email', 'sms', 'in_app')),
    constraint notification_deliveries_status_known check (status in ('queued', 'sent', 'failed', 'suppressed'))
);
create index notification_deliveries_notification on notification_deliveries (notification_id);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'queued';
create index notification_deliveries_inbox
    on notification_deliveries (organization_id, user_id, notification_id) where channel = 'in_app' and status = 'sent';

-- A member's choice per category and channel; no row: enabled.
create table notification_preferences (
    organization_id uuid        not null references organizations (id) on delete cascade,
    user_id         uuid        not null,
    category        text        not null,
    channel         text        not null,
    enabled         boolean     not null,
    updated_at      timestamptz not null default now(),
    primary key (organization_id, user_id, category, channel)
);

-- Addresses SES reported as bouncing for good, or whose owner complained: nothing is sent to them
-- any more, for any organization.
create table email_suppressions (
    address    text primary key,
    reason     text        not null,
    detail     text,
    created_at timestamptz not null default now(),
    constraint email_suppressions_reason_known check (reason in ('bounce', 'complaint'))
);

-- The platform's defaults: one per message the platform sends today (identity's emails). Their
-- links point at the application (app_url, the APP_URL setting) and carry the token only there.
insert into notification_templates (id, organization_id, name, channel, locale, category, version) values
    ('01930000-0000-7000-8000-000000000001', null, 'verify_email', 'email', 'en', 'security', 1),
    ('01930000-0000-7000-8000-000000000002', null, 'reset_password', 'email', 'en', 'security', 1),
    ('01930000-0000-7000-8000-000000000003', null, 'organization_invitation', 'email', 'en', 'account', 1),
    ('01930000-0000-7000-8000-000000000004', null, 'email_change_requested', 'email', 'en', 'security', 1),
    ('01930000-0000-7000-8000-000000000005', null, 'sign_up_attempted', 'email', 'en', 'security', 1),
    ('01930000-0000-7000-8000-000000000006', null, 'password_reset_without_account', 'email', 'en', 'security', 1);

insert into notification_template_versions (template_id, version, subject, body, html_body, variables) values
    ('01930000-0000-7000-8000-000000000001', 1,
     'Confirm your email address',
     E'Hello {{full_name}},\n\nconfirm your email address by opening this link:\n\n{{app_url}}/verify-email?token={{token}}\n\nThe link works once, until {{expires_at}}. If you did not sign up, ignore this message.\n',
     E'<p>Hello {{full_name}},</p>\n<p><a href="{{app_url}}/verify-email?token={{token}}">Confirm your email address</a></p>\n<p>The link works once, until {{expires_at}}. If you did not sign up, ignore this message.</p>\n',
     array['full_name', 'token', 'expires_at']),
    ('01930000-0000-7000-8000-000000000002', 1,
     'Reset your password',
     E'Hello {{full_name}},\n\nsomeone asked to reset the password of your account. Choose a new one here:\n\n{{app_url}}/reset-password?token={{token}}\n\nThe link works once, until {{expires_at}}. If it was not you, ignore this message: your password stays as it is.\n',
     E'<p>Hello {{full_name}},</p>\n<p>someone asked to reset the password of your account.</p>\n<p><a href="{{app_url}}/reset-password?token={{token}}">Choose a new password</a></p>\n<p>The link works once, until {{expires_at}}. If it was not you, ignore this message: your password stays as it is.</p>\n',
     array['full_name', 'token', 'expires_at']),
    ('01930000-0000-7000-8000-000000000003', 1,
     'You are invited to join {{organization_name}}',
     E'Hello,\n\n{{#invited_by}}{{invited_by}} invites you{{/invited_by}}{{^invited_by}}You are invited{{/invited_by}} to join {{organization_name}} as {{role}}. Accept the invitation here:\n\n{{app_url}}/accept-invitation?token={{token}}\n\nThe invitation is valid until {{expires_at}}.\n',
     E'<p>Hello,</p>\n<p>{{#invited_by}}{{invited_by}} invites you{{/invited_by}}{{^invited_by}}You are invited{{/invited_by}} to join <strong>{{organization_name}}</strong> as {{role}}.</p>\n<p><a href="{{app_url}}/accept-invitation?token={{token}}">Accept the invitation</a></p>\n<p>The invitation is valid until {{expires_at}}.</p>\n',
     array['organization_name', 'invited_by', 'role', 'token', 'expires_at']),
    ('01930000-0000-7000-8000-000000000004', 1,
     'Your email address is being changed',
     E'Hello {{full_name}},\n\nsomeone asked to change the email address of your account to {{new_email}}. If it was not you, take the change back here; every session of the account then ends:\n\n{{app_url}}/revert-email-change?token={{token}}\n\nThe link works until {{expires_at}}.\n',
     E'<p>Hello {{full_name}},</p>\n<p>someone asked to change the email address of your account to {{new_email}}.</p>\n<p>If it was not you, <a href="{{app_url}}/revert-email-change?token={{token}}">take the change back</a>; every session of the account then ends.</p>\n<p>The link works until {{expires_at}}.</p>\n',
     array['full_name', 'new_email', 'token', 'expires_at']),
    ('01930000-0000-7000-8000-000000000005', 1,
     'Someone tried to sign up with your address',
     E'Hello,\n\nsomeone tried to sign up with this email address, which already has an account. If it was you, sign in instead:\n\n{{app_url}}/login\n\nForgot your password? Reset it at {{app_url}}/reset-password. If it was not you, ignore this message.\n',
     E'<p>Hello,</p>\n<p>someone tried to sign up with this email address, which already has an account. If it was you, <a href="{{app_url}}/login">sign in</a> instead, or <a href="{{app_url}}/reset-password">reset your password</a>.</p>\n<p>If it was not you, ignore this message.</p>\n',
     array[]::text[]),
    ('01930000-0000-7000-8000-000000000006', 1,
     'Password reset requested',
     E'Hello,\n\nsomeone asked to reset the password of an account with this email address, but there is no such account. If it was you, you may have signed up with another address, or you can sign up here:\n\n{{app_url}}/register\n\nIf it was not you, ignore this message.\n',
     E'<p>Hello,</p>\n<p>someone asked to reset the password of an account with this email address, but there is no such account. If it was you, you may have signed up with another address, or you can <a href="{{app_url}}/register">sign up</a>.</p>\n<p>If it was not you, ignore this message.</p>\n',
     array[]::text[]);
