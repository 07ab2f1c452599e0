-- One attempt, counted for the email and for the source IP in one statement before any password is
-- checked or any mail is sent: concurrent attempts queue on the rows' locks, so each sees the count
-- including every attempt before it, and no more than the threshold get past.
--
-- "previous" is the subjects as they were before this attempt: if either was locked, the attempt
-- is refused and counts nothing (a locked subject's lock does not grow while it is hammered).
-- Otherwise a subject's count starts again when its previous attempt, or the end of its lock, is
-- older than the window; from its threshold on, each attempt locks the subject for
-- first_lock * 2^(attempts - threshold) seconds, at most max_lock: exponential back-off.
with previous as (
    select subject, locked_until
      from login_throttles
     where subject in (:email_subject, :ip_subject)
       for update
),
counted as (
    insert into login_throttles as t (subject, failures, last_failure_at, locked_until)
    select subject, 1, cast(:now as timestamptz), null
      from (values (:email_subject), (:ip_subject)) as s (subject)
     where not exists (select 1 from previous where locked_until > cast(:now as timestamptz))
    on conflict (subject) do update
       set failures = 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                               then 0 else t.failures end,
           last_failure_at = excluded.last_failure_at,
           locked_until = case
               when 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                             then 0 else t.failures end
                    >= case when t.subject = :ip_subject then :ip_threshold else :email_threshold end
               then cast(:now as timestamptz) + make_interval(secs => least(
                        :first_lock_seconds * power(2, 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                                                                then 0 else t.failures end
                                                       - case when t.subject = :ip_subject then :ip_threshold else :email_threshold end),
                        :max_lock_seconds))
           end
    returning subject
)
select max(locked_until) as locked_until
  from previous
 where locked_until > cast(:now as timestamptz)
