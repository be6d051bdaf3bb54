insert into sessions (session_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
values ($session_hash, $user_id, cast($now as timestamptz), cast($now as timestamptz), cast($expires_at as timestamptz), $ip, $user_agent)
