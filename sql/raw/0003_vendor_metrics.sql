-- What a vendor's export says it computed itself, kept beside deskpulse's own values so the
-- two can be reconciled (`deskpulse reconcile`), and used where deskpulse cannot compute a
-- value itself (a business duration without the account's schedule). One row per ticket and
-- metric, keyed by (source, ticket_id, metric); re-importing a ticket replaces its rows.
create table if not exists raw_vendor_metrics (
    source              varchar not null,
    ticket_id           varchar not null,
    metric              varchar not null,    -- frt | resolution | full_resolution | requester_wait | agent_wait | on_hold | sla_frt | sla_resolution
    calendar_minutes    double,
    business_minutes    double,
    outcome             varchar,             -- an SLA outcome as the vendor states it: within | breached
    adapter             varchar not null,
    import_run_id       integer not null
);
