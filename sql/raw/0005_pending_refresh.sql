-- Imports whose rows landed but whose model refresh has not yet committed: written in the
-- file's own transaction, deleted in the refresh's. A process that dies between the two (or a
-- refresh that fails) leaves its rows here, and the next process to open the database
-- completes the refresh before it answers anything, so the models are never behind the raw
-- tables for long and never for good.
create table if not exists pending_refresh (
    run_id          integer not null,
    entity          varchar not null,
    recorded_at     timestamptz not null
);
