-- Adjusted values of one run's kept rows, in file order. params: $run_id, $limit
select
    line,
    column_name,
    value,
    adjusted_to,
    rule
from import_adjustments
where run_id = cast($run_id as integer)
order by line, column_name
limit cast($limit as integer)
