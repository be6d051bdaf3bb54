-- A new alert rule (delivery/store.ts).
insert into alert_rules (name, metric, filters, condition, threshold, direction, recipients, tz, muted, created_at, created_by)
values ($name, $metric, $filters, $condition, $threshold, $direction, $recipients, $tz, false, cast($created_at as timestamptz), $created_by)
returning *
