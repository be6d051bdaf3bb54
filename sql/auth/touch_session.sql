update sessions set last_seen_at = cast($now as timestamptz) where session_hash = $session_hash
