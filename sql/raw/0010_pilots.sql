-- Pilots: a change tried on one group of tickets or customers from a start date, judged by
-- difference-in-differences against a control group (sql/reports/pilot.sql,
-- src/lib/server/metrics/pilots.ts). The groups are stored as JSON objects of dimension ->
-- accepted values ({"category": ["how_to"], "tag": ["export"]}), the shape the report's
-- filters take; a null control means "every ticket not in the treated group".
create sequence if not exists pilot_ids start 1;

create table if not exists pilots (
    pilot_id        integer primary key default nextval('pilot_ids'),
    name            varchar not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz,
    treated         varchar not null,
    control         varchar,
    -- The verdict's rule: the metric that must improve, by at least min_effect in its own
    -- unit (points for rates, percent for tickets per customer, minutes for medians), with
    -- CSAT no worse than csat_tolerance points.
    metric          varchar not null,
    min_effect      double not null,
    csat_tolerance  double not null,
    created_at      timestamptz not null,
    created_by      varchar
);
