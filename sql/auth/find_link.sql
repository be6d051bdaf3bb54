-- An unused, unexpired one-time link.
select link_hash, user_id, purpose from one_time_links
where link_hash = $link_hash and used_at is null and expires_at > cast($now as timestamptz)
