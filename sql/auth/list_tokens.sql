select token_id, name, role, prefix, created_at, created_by, last_used_at, revoked_at
from api_tokens
where $all or revoked_at is null
order by token_id
