-- A run's rejected rows by reason, without the offending value ("expected a whole number,
-- got ..."), so a summary can say "412 rows: created_at: expected an ISO 8601 timestamp".
-- params: $run_id
select
    coalesce(column_name || ': ', '') || regexp_replace(reason, ', got .*$| \(.*$', '') as reason,
    count(distinct line)::integer as rows
from import_quarantine
where run_id = cast($run_id as integer)
group by all
order by rows desc, reason
