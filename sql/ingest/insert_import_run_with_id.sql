-- Records a file's import run inside the file's own transaction, under the run id its rows
-- and rejects were written with.
insert into import_runs (
    run_id, source, adapter, entity, file_name, file_path, file_bytes, checksum, timezone, status,
    rows_read, rows_accepted, rows_rejected, rows_adjusted, error, started_at, finished_at
)
values (
    $run_id, $source, $adapter, $entity, $file_name, $file_path, $file_bytes, $checksum, $timezone, $status,
    $rows_read, $rows_accepted, $rows_rejected, $rows_adjusted, $error, cast($started_at as timestamptz), now()
)
