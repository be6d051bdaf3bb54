-- Every active user with when they last used a session.
select u.user_id, u.email, u.role, u.password_hash is not null as has_password, u.created_at,
       max(s.last_seen_at) as last_seen_at, count(s.session_hash) as sessions
from users u
left join sessions s on s.user_id = u.user_id and s.expires_at > cast($now as timestamptz)
where u.disabled_at is null
group by all
order by u.email
