-- The keys of the model rows an import's refresh rebuilds in place
-- (src/lib/server/db/model-refresh.ts). The model files read them under `$incremental`, and
-- DuckDB binds every relation a statement names even when the flag leaves it unread, so they
-- must exist whenever a model is built, a full build too: tables of the database rather than
-- a connection's temporary tables. A refresh writes and empties them inside its own
-- transaction, so they hold nothing at rest (a failed or killed refresh rolls its rows back).
create table if not exists refresh_tickets (
    source          varchar not null,
    ticket_id       varchar not null
);

-- The rebuilt tickets under both keys sessions and searches are matched to tickets by.
create table if not exists refresh_ticket_keys (
    source          varchar not null,
    match_kind      varchar not null,      -- requester | org
    match_key       varchar not null,
    created_at      timestamptz not null
);

-- Sessions and searches to rebuild, with the key each is matched to tickets by (null when it
-- has neither requester nor org): only tickets under those keys can be their next ticket.
create table if not exists refresh_sessions (
    source          varchar not null,
    session_id      varchar not null,
    match_kind      varchar,
    match_key       varchar
);

create table if not exists refresh_searches (
    source          varchar not null,
    search_id       varchar not null,
    match_kind      varchar,
    match_key       varchar
);
