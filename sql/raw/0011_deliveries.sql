-- Deliveries: the review and the alerts brought to the team (src/lib/server/delivery/).
-- A digest sends one content (the weekly review, or one page's view with its filters) to its
-- recipients on a cron schedule read in its own zone; an alert rule sends a message when its
-- condition holds, once per rule and ISO week. Every message is composed once and stored
-- (delivery_messages), then sent to each recipient (deliveries), so a retry or a restart
-- sends the same words and a period is never claimed twice.
create sequence if not exists digest_ids start 1;

create table if not exists digests (
    digest_id    integer primary key default nextval('digest_ids'),
    name         varchar not null,
    -- JSON array of recipients in their stored form (ops@example.com, slack:https://...).
    recipients   varchar not null,
    -- 'review', or a page's path with its filters ('/sla?plan=premium').
    content      varchar not null,
    -- Five cron fields (minute hour day-of-month month day-of-week), read in tz.
    schedule     varchar not null,
    tz           varchar not null,
    -- JSON array of the email's attachments: 'md', 'pdf'.
    attach       varchar not null,
    created_at   timestamptz not null,
    created_by   varchar,
    -- The scheduled instant last claimed: the next one sent is the first after it.
    last_period  timestamptz
);

create sequence if not exists alert_rule_ids start 1;

create table if not exists alert_rules (
    rule_id      integer primary key default nextval('alert_rule_ids'),
    name         varchar not null,
    -- A metric id of the catalog; null for the flag and anomaly conditions.
    metric       varchar,
    -- The rule's filters as a query string ('segment=enterprise'), read like a page's.
    filters      varchar not null,
    -- above | below | change_pct | change_points | flag | anomaly
    condition    varchar not null,
    -- The value (in the metric's unit: a fraction for rates), the change (percent or points),
    -- or the anomaly p-value level; null for 'flag'.
    threshold    double,
    -- For the changes: up, down or any.
    direction    varchar not null default 'any',
    recipients   varchar not null,
    tz           varchar not null,
    muted        boolean not null default false,
    created_at   timestamptz not null,
    created_by   varchar
);

create sequence if not exists delivery_message_ids start 1;

-- One message per digest period or alert rule and week: the unique key is what makes a
-- period sent at most once, across restarts and between a server and a CLI.
create table if not exists delivery_messages (
    message_id   integer primary key default nextval('delivery_message_ids'),
    kind         varchar not null,      -- digest, digest-now, digest-test, alert, alert-test
    source_id    integer,               -- the digest or rule
    period       varchar not null,      -- a scheduled instant, an ISO week, or a manual send's instant
    subject      varchar not null,
    -- The composed message (channels.ts OutgoingMessage without binary attachments) as JSON.
    body         varchar not null,
    created_at   timestamptz not null,
    unique (kind, source_id, period)
);

create sequence if not exists delivery_ids start 1;

create table if not exists deliveries (
    delivery_id     integer primary key default nextval('delivery_ids'),
    message_id      integer not null,
    target          varchar not null,
    status          varchar not null,   -- pending | sent | failed
    attempts        integer not null default 0,
    next_attempt_at timestamptz,
    last_error      varchar,
    sent_at         timestamptz,
    unique (message_id, target)
);
