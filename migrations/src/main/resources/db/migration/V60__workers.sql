-- Workers: an organization's workflow templates (versioned DAGs of steps), the jobs that run them
-- and each job's steps, and the hosts its http steps may call. Everything goes with its
-- organization when tenancy purges it.

-- A template's current name and version; its definitions live in worker_template_versions, one row
-- per version, so a job keeps running the version it started with after the template changes or is
-- deleted (soft: deleted_at; the name becomes free).
create table worker_templates (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    name            text        not null,
    version         integer     not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);
create unique index worker_templates_name on worker_templates (organization_id, name) where deleted_at is null;
create index worker_templates_organization on worker_templates (organization_id, id);

-- The definition (description, parameters, steps, notify) is one validated document, always read
-- whole: the engine never queries its parts.
create table worker_template_versions (
    template_id           uuid        not null references worker_templates (id) on delete cascade,
    version               integer     not null,
    organization_id       uuid        not null references organizations (id) on delete cascade,
    definition            jsonb       not null,
    created_by_user_id    uuid,
    created_by_api_key_id uuid,
    created_at            timestamptz not null default now(),
    primary key (template_id, version)
);

-- A job's changes (a step ending, cancel, retry) lock its row first, so they happen one at a time.
create table worker_jobs (
    id                    uuid primary key,
    organization_id       uuid        not null references organizations (id) on delete cascade,
    template_id           uuid        not null,
    template_version      integer     not null,
    status                text        not null,
    parameters            jsonb       not null,
    error                 text,
    created_by_user_id    uuid,
    created_by_api_key_id uuid,
    created_at            timestamptz not null default now(),
    finished_at           timestamptz,
    canceled_at           timestamptz,
    foreign key (template_id, template_version) references worker_template_versions (template_id, version) on delete cascade,
    constraint worker_jobs_status_known check (status in ('running', 'succeeded', 'failed', 'canceled'))
);
create index worker_jobs_organization on worker_jobs (organization_id, id);
create index worker_jobs_organization_status on worker_jobs (organization_id, status, id);
create index worker_jobs_template on worker_jobs (organization_id, template_id, id);

-- One row per step of a job, made when the job starts. A step is pending until its predecessors
-- are done, then queued (a message on workers-steps is due at run_at), running (an attempt claimed
-- it at claimed_at), and ends succeeded, failed, skipped (a branch chose another way, or every
-- predecessor was skipped) or canceled. attempts counts the attempts started; version is bumped by
-- every change, so an attempt records its outcome only if nothing (the sweeper) took the step over.
create table worker_job_steps (
    job_id          uuid        not null references worker_jobs (id) on delete cascade,
    step_key        text        not null,
    organization_id uuid        not null references organizations (id) on delete cascade,
    position        integer     not null,
    status          text        not null,
    attempts        integer     not null default 0,
    run_at          timestamptz,
    claimed_at      timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    output          jsonb,
    error           text,
    version         integer     not null default 0,
    primary key (job_id, step_key),
    constraint worker_job_steps_status_known check (
        status in ('pending', 'queued', 'running', 'succeeded', 'failed', 'skipped', 'canceled'))
);
-- The sweeper's two searches, and the count of an organization's running steps (its plan's limit).
create index worker_job_steps_queued on worker_job_steps (run_at) where status = 'queued';
create index worker_job_steps_running on worker_job_steps (organization_id, claimed_at) where status = 'running';

-- The hosts an organization's http steps may call: an exact name, or *.example.com for its
-- subdomains. Nothing is allowed until an org_admin lists it.
create table worker_allowed_hosts (
    organization_id uuid        not null references organizations (id) on delete cascade,
    host            text        not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, host)
);

-- How many steps of an organization may run at once (dev.saaskit.shared.limits.Limits.Limit
-- CONCURRENT_JOB_STEPS): one organization's backlog waits for its own steps, not everyone's.
alter table plans add column concurrent_job_steps bigint;
alter table plans add constraint plans_concurrent_job_steps_not_negative check (concurrent_job_steps >= 0);
update plans set concurrent_job_steps = 2 where code = 'free';
update plans set concurrent_job_steps = 10 where code = 'pro';
update plans set concurrent_job_steps = 50 where code = 'enterprise';
