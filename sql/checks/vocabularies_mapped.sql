-- Staging maps every status, priority and tier the importer accepted; a null here means the
-- importer's check and the staging map disagree.
select
    source,
    ticket_id,
    status,
    priority,
    tier
from stg_generic_tickets
where status is null
    or (priority is null and ticket_id in (select ticket_id from raw_generic_tickets r where r.priority is not null and r.source = stg_generic_tickets.source))
    or (tier is null and ticket_id in (select ticket_id from raw_generic_tickets r where r.tier is not null and r.source = stg_generic_tickets.source))
