-- How many active users exist (none: the server offers the first-admin setup link).
select count(*) as users, count(*) filter (where role = 'admin') as admins from users where disabled_at is null
