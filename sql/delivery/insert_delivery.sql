-- One recipient of a message, waiting to be sent.
insert into deliveries (message_id, target, status, attempts, next_attempt_at)
values ($message_id, $target, 'pending', 0, cast($now as timestamptz))
on conflict do nothing
