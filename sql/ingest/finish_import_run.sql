-- A running import's outcome: 'ok' with its counts inside the file's transaction, or
-- 'failed' with the reason after it rolled back.
update import_runs
set status = $status,
    rows_read = $rows_read,
    rows_accepted = $rows_accepted,
    rows_rejected = $rows_rejected,
    rows_adjusted = $rows_adjusted,
    error = $error,
    finished_at = now()
where run_id = cast($run_id as integer)
