-- One import run. params: $run_id
select *
from import_runs
where run_id = cast($run_id as integer)
