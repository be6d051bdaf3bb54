-- An admin's "retry now": a failed delivery goes back to pending, due at once.
update deliveries
set status = 'pending', next_attempt_at = cast($now as timestamptz)
where delivery_id = $delivery_id and status = 'failed'
returning message_id
