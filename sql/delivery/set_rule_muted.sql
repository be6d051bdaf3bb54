update alert_rules set muted = $muted where rule_id = $rule_id returning *
