-- The deliveries to attempt now: pending ones whose (retry) time has come, oldest first.
select x.delivery_id, x.message_id, x.target, x.attempts, m.kind, m.source_id, m.period, m.body
from deliveries x join delivery_messages m using (message_id)
where x.status = 'pending' and x.next_attempt_at <= cast($now as timestamptz)
  and ($message_id is null or x.message_id = $message_id)
order by x.next_attempt_at, x.delivery_id
limit 500
