-- The audit log, newest first, optionally only one action and entries before an id (paging).
select audit_id, happened_at, actor_kind, actor, action, subject, detail, ip
from audit_log
where ($action is null or action = $action)
  and ($before is null or audit_id < $before)
order by audit_id desc
limit $limit
