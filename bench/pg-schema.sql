-- PostgreSQL tables for the generic-format files the core pack reads, typed as read_csv
-- infers them in DuckDB. Loaded with psql's \copy (bench/postgres.ts), indexes after.
drop table if exists tickets, orgs, sla_policies, self_service, kb_searches;

create table tickets (
    ticket_id text primary key,
    created_at timestamptz,
    status text,
    channel text,
    priority text,
    subject text,
    category text,
    tags text,
    requester_id text,
    org_id text,
    "group" text,
    tier text,
    assignee_id text,
    outbound boolean,
    first_ack_at timestamptz,
    first_response_at timestamptz,
    solved_at timestamptz,
    final_solved_at timestamptz,
    closed_at timestamptz,
    reopens integer,
    agent_replies integer,
    csat_score integer,
    csat_at timestamptz,
    handle_time_min double precision
);

create table orgs (
    org_id text primary key,
    name text,
    plan text,
    segment text,
    arr double precision,
    seats integer,
    signup_at timestamptz,
    csm_id text,
    timezone text,
    region text
);

create table sla_policies (
    plan text,
    priority text,
    frt_target_min double precision,
    resolution_target_min double precision,
    schedule_id text
);

create table self_service (
    session_id text,
    started_at timestamptz,
    kind text,
    requester_id text,
    org_id text,
    handed_off boolean,
    ticket_id text,
    article_id text,
    helpful boolean
);

create table kb_searches (
    search_id text,
    searched_at timestamptz,
    session_id text,
    requester_id text,
    org_id text,
    query text,
    results_count integer,
    clicked_article_id text
);
