delete from alert_rules where rule_id = $rule_id returning rule_id
