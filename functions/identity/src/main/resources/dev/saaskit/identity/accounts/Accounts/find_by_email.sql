-- The account signing in. Emails are stored normalised (NFC, lower case), so the caller passes a
-- normalised address and equality is exact; the partial unique index users_email_key serves it.
select id, email, email_verified_at, password_hash, full_name, locale, timezone, platform_roles, active, created_at
  from users
 where email = :email
   and deleted_at is null
