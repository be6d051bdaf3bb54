-- Every alert rule, muted ones included, with the week it last fired for.
select
    r.*,
    (select max(m.period) from delivery_messages m where m.kind = 'alert' and m.source_id = r.rule_id) as last_fired_week,
    (select count(*) from delivery_messages m join deliveries x using (message_id)
      where m.kind like 'alert%' and m.source_id = r.rule_id and x.status = 'failed') as failed_deliveries
from alert_rules r
order by r.rule_id
