-- A key's last use moves to its rate-limit window row: the authenticator (the runtime's) updates
-- that row on every request anyway, and api_keys belongs to the keys domain, which alone writes it
-- (migrations/ownership.yaml). The keys domain reads the time from there.
alter table api_key_rate_windows add column last_used_at timestamptz;

update api_key_rate_windows w set last_used_at = k.last_used_at from api_keys k where k.id = w.key_id;

insert into api_key_rate_windows (key_id, window_end, requests, last_used_at)
select k.id, k.last_used_at, 0, k.last_used_at
  from api_keys k
 where k.last_used_at is not null
   and not exists (select 1 from api_key_rate_windows w where w.key_id = k.id);

alter table api_keys drop column last_used_at;
