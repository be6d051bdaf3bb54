-- The indexes a PostgreSQL user would add for the core pack: the deflection lookup (the
-- first ticket of a requester, or an org, after a session) and the joins to orgs.
create index tickets_requester_created on tickets (requester_id, created_at) where not outbound;
create index tickets_org_created on tickets (org_id, created_at) where not outbound;
create index self_service_org on self_service (org_id);
create index kb_searches_org on kb_searches (org_id);
analyze;
