-- The session of a cookie and its user, if neither has expired (absolute or idle) nor the
-- user been removed.
select s.session_hash, s.user_id, s.last_seen_at, u.email, u.role
from sessions s
join users u on u.user_id = s.user_id and u.disabled_at is null
where s.session_hash = $session_hash
  and s.expires_at > cast($now as timestamptz)
  and s.last_seen_at > cast($idle_since as timestamptz)
