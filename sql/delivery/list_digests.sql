-- Every digest, oldest first, with its last delivery's outcome per recipient summed up.
select
    d.*,
    (select count(*) from delivery_messages m join deliveries x using (message_id)
      where m.kind like 'digest%' and m.source_id = d.digest_id and x.status = 'failed') as failed_deliveries,
    (select max(x.sent_at) from delivery_messages m join deliveries x using (message_id)
      where m.kind in ('digest', 'digest-now') and m.source_id = d.digest_id and x.status = 'sent') as last_sent_at
from digests d
order by d.digest_id
