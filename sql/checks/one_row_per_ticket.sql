-- fct_tickets has one row per (source, ticket_id): a join that fans out (two orgs rows with
-- one id, say) would count tickets twice in every metric.
select
    source,
    ticket_id,
    count(*) as row_count
from fct_tickets
group by all
having count(*) > 1
