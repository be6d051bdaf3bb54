-- A failed attempt: retried at next_attempt_at, or failed for good when there is none.
update deliveries
set attempts = attempts + 1,
    last_error = $error,
    status = case when $next_attempt_at is null then 'failed' else 'pending' end,
    next_attempt_at = cast($next_attempt_at as timestamptz)
where delivery_id = $delivery_id
