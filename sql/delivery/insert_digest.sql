-- A new digest (delivery/store.ts).
insert into digests (name, recipients, content, schedule, tz, attach, created_at, created_by)
values ($name, $recipients, $content, $schedule, $tz, $attach, cast($created_at as timestamptz), $created_by)
returning *
