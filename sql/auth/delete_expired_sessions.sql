delete from sessions where expires_at <= cast($now as timestamptz) or last_seen_at <= cast($idle_since as timestamptz)
