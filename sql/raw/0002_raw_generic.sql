-- Raw tables of the generic import format (../docs/import-format.md): one column per format
-- column, already validated and typed by the importer, values still in the source's own
-- vocabulary (status, priority and channel names are mapped in staging). Timestamps are
-- UTC; naive input times were read in the import's timezone. Columns a file had beyond the
-- format are kept in `extra`. Rows are keyed by (source, <entity>_id).
create table if not exists raw_generic_tickets (
    source              varchar not null,
    ticket_id           varchar not null,
    created_at          timestamptz not null,
    status              varchar not null,
    channel             varchar,
    priority            varchar,
    subject             varchar,
    category            varchar,
    tags                varchar,
    requester_id        varchar,
    org_id              varchar,
    group_name          varchar,
    tier                varchar,
    assignee_id         varchar,
    outbound            boolean,
    first_ack_at        timestamptz,
    first_response_at   timestamptz,
    solved_at           timestamptz,
    final_solved_at     timestamptz,
    closed_at           timestamptz,
    reopens             integer,
    agent_replies       integer,
    csat_score          varchar,
    csat_at             timestamptz,
    handle_time_min     double,
    extra               json,
    import_run_id       integer not null
);

create table if not exists raw_generic_orgs (
    source          varchar not null,
    org_id          varchar not null,
    name            varchar,
    plan            varchar,
    segment         varchar,
    arr             double,
    seats           integer,
    signup_at       timestamptz,
    csm_id          varchar,
    timezone        varchar,
    region          varchar,
    extra           json,
    import_run_id   integer not null
);

create table if not exists raw_generic_self_service (
    source          varchar not null,
    session_id      varchar not null,
    started_at      timestamptz not null,
    kind            varchar not null,
    requester_id    varchar,
    org_id          varchar,
    handed_off      boolean,
    ticket_id       varchar,
    article_id      varchar,
    helpful         boolean,
    extra           json,
    import_run_id   integer not null
);

create table if not exists raw_generic_kb_searches (
    source              varchar not null,
    search_id           varchar not null,
    searched_at         timestamptz not null,
    session_id          varchar,
    requester_id        varchar,
    org_id              varchar,
    query               varchar not null,
    results_count       integer,
    clicked_article_id  varchar,
    extra               json,
    import_run_id       integer not null
);

create table if not exists raw_generic_costs (
    source          varchar not null,
    period_start    date not null,
    period_end      date not null,
    cost_type       varchar not null,
    channel         varchar,
    amount          double not null,
    currency        varchar,
    agent_fte       double,
    extra           json,
    import_run_id   integer not null
);

create table if not exists raw_generic_sla_policies (
    source                  varchar not null,
    plan                    varchar not null,
    priority                varchar,
    frt_target_min          double,
    resolution_target_min   double,
    schedule_id             varchar,
    extra                   json,
    import_run_id           integer not null
);

create table if not exists raw_generic_schedules (
    source          varchar not null,
    schedule_id     varchar not null,
    timezone        varchar not null,
    weekday         integer not null,
    open_time       varchar not null,    -- 'HH:MM' local wall clock
    close_time      varchar not null,    -- 'HH:MM', '24:00' for end of day
    extra           json,
    import_run_id   integer not null
);

create table if not exists raw_generic_holidays (
    source          varchar not null,
    schedule_id     varchar not null,
    holiday_on      date not null,
    name            varchar,
    extra           json,
    import_run_id   integer not null
);
