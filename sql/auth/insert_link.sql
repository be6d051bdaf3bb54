insert into one_time_links (link_hash, user_id, purpose, created_at, expires_at)
values ($link_hash, $user_id, $purpose, cast($now as timestamptz), cast($expires_at as timestamptz))
