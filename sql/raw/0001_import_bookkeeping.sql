-- Import bookkeeping: one row per file per import run, and the rows an import rejected.
-- A run whose file failed as a whole (unreadable, missing a required column) is recorded
-- with status 'failed' and none of its rows land anywhere else.
create sequence if not exists import_run_seq start 1;

create table if not exists import_runs (
    run_id          integer primary key default nextval('import_run_seq'),
    source          varchar not null,      -- the source label rows are keyed by ('generic', 'demo', ...)
    adapter         varchar not null,      -- the reader that parsed the file ('generic', ...)
    entity          varchar,               -- tickets, orgs, self_service, ...
    file_name       varchar not null,
    file_path       varchar not null,
    file_bytes      bigint,
    checksum        varchar,               -- sha256 of the file's bytes
    timezone        varchar not null,      -- zone applied to naive timestamps
    status          varchar not null,      -- ok | failed | unchanged
    rows_read       integer not null default 0,
    rows_accepted   integer not null default 0,
    rows_rejected   integer not null default 0,
    error           varchar,
    started_at      timestamptz not null,
    finished_at     timestamptz
);

-- One row per problem found in a rejected input row: a row with two bad columns has two.
create table if not exists import_quarantine (
    run_id          integer not null,
    source          varchar not null,
    entity          varchar not null,
    file_name       varchar not null,
    checksum        varchar not null,
    line            integer not null,      -- physical line in the file where the record starts (header = 1)
    column_name     varchar,               -- null when the problem is the whole row
    reason          varchar not null,
    raw_record      json                   -- the row's fields as read, keyed by header name
);
