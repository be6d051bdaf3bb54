-- Spends a link; returns it only when this call spent it (a second use finds nothing).
update one_time_links set used_at = cast($now as timestamptz)
where link_hash = $link_hash and used_at is null and expires_at > cast($now as timestamptz)
returning link_hash, user_id, purpose
