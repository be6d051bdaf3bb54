-- The alert rules evaluated on a schedule or after an import: every one not muted.
select * from alert_rules where not muted order by rule_id
