-- Records a file's import as running, before its transaction: a process that dies inside it
-- leaves this row, which the next start marks interrupted (sql/ingest/interrupted_runs.sql).
insert into import_runs (
    source, adapter, entity, file_name, file_path, file_bytes, checksum, timezone, status, started_at
)
values (
    $source, $adapter, $entity, $file_name, $file_path, $file_bytes, $checksum, $timezone, 'running',
    cast($started_at as timestamptz)
)
returning run_id
