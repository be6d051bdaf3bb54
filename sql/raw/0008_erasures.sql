-- Erasures of a person's or an org's data (`deskpulse erase`, POST /api/v1/erasures): when,
-- who, what kind, and how many rows went from each table. The id itself is not kept, only
-- its SHA-256, so the record of an erasure does not name whom it erased.
create sequence if not exists erasure_seq start 1;
create table if not exists erasures (
    erasure_id      integer primary key default nextval('erasure_seq'),
    erased_at       timestamptz not null,
    erased_by       varchar,                   -- the principal's name: an email, a token's name, 'cli' or 'local'
    kind            varchar not null,          -- requester | org
    id_sha256       varchar not null,          -- sha256 hex of the id as given
    source          varchar,                   -- the source label it was limited to; null: every source
    counts          json not null              -- rows (and kept upload files) removed, by table
);
