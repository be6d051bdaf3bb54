-- Runs still 'running' when a process opens the database were left by a process that died
-- (one process holds a database file at a time): they are recorded as interrupted.
update import_runs
set status = 'interrupted',
    error = 'the import stopped before it finished (the process ended): nothing of this file was kept; import it again',
    finished_at = now()
where status = 'running'
