-- Records an import run that did not get a run id inside its transaction (a failed file).
insert into import_runs (
    source, adapter, entity, file_name, file_path, file_bytes, checksum, timezone, status,
    rows_read, rows_accepted, rows_rejected, error, started_at, finished_at
)
values (
    $source, $adapter, $entity, $file_name, $file_path, $file_bytes, $checksum, $timezone, $status,
    $rows_read, $rows_accepted, $rows_rejected, $error, cast($started_at as timestamptz), now()
)
returning run_id
