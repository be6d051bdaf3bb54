-- A composed message; nothing when this kind, source and period already has one.
insert into delivery_messages (kind, source_id, period, subject, body, created_at)
values ($kind, $source_id, $period, $subject, $body, cast($created_at as timestamptz))
on conflict do nothing
returning message_id
