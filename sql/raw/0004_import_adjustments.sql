-- Rows kept with adjustments: a value that broke a rule of the canonical model but not the
-- ticket (a solve a minute before creation from vendor rounding, a negative count) is moved
-- within the rounding tolerance or emptied, and recorded here, beside the quarantine of rows
-- that could not be tickets at all. One row per adjusted value.
create table if not exists import_adjustments (
    run_id          integer not null,
    source          varchar not null,
    entity          varchar not null,
    file_name       varchar not null,
    checksum        varchar not null,
    line            integer not null,      -- physical line in the file where the record starts (header = 1)
    column_name     varchar not null,      -- the column as the export names it
    value           varchar,               -- the value as read (or as the adapter derived it)
    adjusted_to     varchar,               -- what the model holds instead (null: emptied)
    rule            varchar not null       -- what was done, without the row's own values
);

alter table import_runs add column if not exists rows_adjusted integer default 0;
