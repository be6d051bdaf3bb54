-- Problems of one run's rejected rows, in file order. params: $run_id, $limit
select
    line,
    column_name,
    reason,
    raw_record
from import_quarantine
where run_id = cast($run_id as integer)
order by line, column_name
limit cast($limit as integer)
