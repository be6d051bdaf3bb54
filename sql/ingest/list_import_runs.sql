-- The most recent import runs, newest first. params: $limit
select
    run_id,
    source,
    adapter,
    entity,
    file_name,
    file_path,
    file_bytes,
    checksum,
    timezone,
    status,
    rows_read,
    rows_accepted,
    rows_rejected,
    coalesce(rows_adjusted, 0) as rows_adjusted,
    error,
    started_at,
    finished_at
from import_runs
order by run_id desc
limit cast($limit as integer)
