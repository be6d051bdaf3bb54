-- The rebuilt tickets under both keys a session or search is matched by
-- (sql/models/ticket_match_keys.sql): inbound tickets only, by requester and by org.
select source, match_kind, match_key, created_at
from ticket_match_keys
where (source, ticket_id) in (select source, ticket_id from refresh_tickets)
