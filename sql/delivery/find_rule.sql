select * from alert_rules where rule_id = $rule_id
