-- A removed rule sends nothing more; what it sent stays in the history.
delete from deliveries
where status <> 'sent'
  and message_id in (select message_id from delivery_messages where kind like 'alert%' and source_id = $rule_id)
