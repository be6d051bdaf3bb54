-- The rebuilt tickets under both keys a session or search is matched by (as in
-- fct_self_service's ticket_keys): inbound tickets only, by requester and by org.
select source, 'requester' as match_kind, requester_id as match_key, created_at
from fct_tickets
where (source, ticket_id) in (select source, ticket_id from refresh_tickets)
    and not is_outbound
    and requester_id is not null
union all
select source, 'org', org_id, created_at
from fct_tickets
where (source, ticket_id) in (select source, ticket_id from refresh_tickets)
    and not is_outbound
    and org_id is not null
