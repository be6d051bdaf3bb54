-- export:       the ticket facts every ticket metric reads (through dp_scope_tickets,
--               dp_ticket_progress and dp_ticket_outcomes), one Parquet file per source and
--               month of creation.
-- partition_by: source, month
select
    *,
    strftime(created_at, '%Y-%m') as month
from fct_tickets
