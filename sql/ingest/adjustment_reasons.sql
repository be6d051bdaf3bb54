-- A run's adjusted values by column and rule, with the rows each touched. params: $run_id
select
    column_name || ' ' || rule as reason,
    count(distinct line)::integer as rows
from import_adjustments
where run_id = cast($run_id as integer)
group by all
order by rows desc, reason
