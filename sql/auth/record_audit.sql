-- One audit entry (auth/audit.ts).
insert into audit_log (happened_at, actor_kind, actor, action, subject, detail, ip)
values (now(), $actor_kind, $actor, $action, $subject, $detail, $ip)
