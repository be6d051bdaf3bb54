-- A removed digest sends nothing more: its deliveries not yet made are dropped; what was
-- sent stays in the history.
delete from deliveries
where status <> 'sent'
  and message_id in (select message_id from delivery_messages where kind like 'digest%' and source_id = $digest_id)
