-- The refresh token being presented, with its session, locked for the rest of the transaction.
-- Two refreshes with the same token queue here: the second sees the first's committed rotation
-- (used_at set) and is answered as a repeat within the grace window, in the same session, or as
-- reuse after it. Locking the session row too serialises a refresh with that session's revocation.
select t.session_id, t.expires_at, t.used_at,
       s.user_id, s.organization_id, s.revoked_at, s.expires_at as session_expires_at, s.max_expires_at, s.rotation_key
  from refresh_tokens t
  join sessions s on s.id = t.session_id
 where t.token_hash = :hash
   for update of t, s
