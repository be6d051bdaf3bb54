-- The latest deliveries, newest first, with what they carried.
select x.delivery_id, x.message_id, x.target, x.status, x.attempts, x.next_attempt_at, x.last_error, x.sent_at,
       m.kind, m.source_id, m.period, m.subject, m.created_at
from deliveries x join delivery_messages m using (message_id)
where ($kind is null or m.kind = $kind) and ($source_id is null or m.source_id = $source_id)
order by m.created_at desc, x.delivery_id desc
limit $limit
