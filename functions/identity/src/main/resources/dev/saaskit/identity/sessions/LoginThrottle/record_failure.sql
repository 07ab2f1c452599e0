-- One failed sign-in, counted for the email and for the source IP in one statement: the upsert
-- reads the committed row it conflicts with, so concurrent failures are all counted.
--
-- A subject's count starts again when its previous failure, or the end of its lock, is older than
-- the window. From its threshold on, each failure locks the subject for
-- first_lock * 2^(failures - threshold) seconds, at most max_lock: exponential back-off.
insert into login_throttles as t (subject, failures, last_failure_at, locked_until)
values (:email_subject, 1, cast(:now as timestamptz), null),
       (:ip_subject, 1, cast(:now as timestamptz), null)
on conflict (subject) do update
   set failures = 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                           then 0 else t.failures end,
       last_failure_at = excluded.last_failure_at,
       locked_until = case
           when 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                         then 0 else t.failures end
                >= case when t.subject like 'ip:%' then :ip_threshold else :email_threshold end
           then cast(:now as timestamptz) + make_interval(secs => least(
                    :first_lock_seconds * power(2, 1 + case when greatest(t.last_failure_at, coalesce(t.locked_until, t.last_failure_at)) < cast(:window_start as timestamptz)
                                                            then 0 else t.failures end
                                                   - case when t.subject like 'ip:%' then :ip_threshold else :email_threshold end),
                    :max_lock_seconds))
       end
