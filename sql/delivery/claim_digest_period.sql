-- Claims a scheduled instant for a digest: moves last_period forward only from the value the
-- caller read, so two callers cannot both claim it (the message's unique key backs this up).
update digests
set last_period = cast($period as timestamptz)
where digest_id = $digest_id
  and last_period is not distinct from cast($previous as timestamptz)
returning digest_id
