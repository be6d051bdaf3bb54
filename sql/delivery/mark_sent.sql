update deliveries
set status = 'sent', attempts = attempts + 1, sent_at = cast($now as timestamptz), last_error = null, next_attempt_at = null
where delivery_id = $delivery_id
