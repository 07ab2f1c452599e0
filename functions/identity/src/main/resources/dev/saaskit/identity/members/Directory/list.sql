-- Accounts for the user administration, in id (creation) order after the cursor, with each
-- one's membership in :org. With :members_only, only members of :org (an org_admin's listing,
-- always its own organization); without, every live account (a super_admin's listing).
-- :pattern is an ILIKE pattern whose wildcards in the search text are escaped with '!'.
select u.id, u.email, u.full_name, u.email_verified_at, u.platform_roles, u.created_at,
       m.organization_id, m.role, m.active as member_active
  from users u
  left join organization_members m on m.user_id = u.id and m.organization_id = :org
 where u.deleted_at is null
   and (not :members_only or m.organization_id is not null)
   and (cast(:after as uuid) is null or u.id > :after)
   and (cast(:pattern as text) is null or u.email ilike :pattern escape '!' or u.full_name ilike :pattern escape '!')
 order by u.id
 limit :limit
