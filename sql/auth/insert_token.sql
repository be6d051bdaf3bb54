insert into api_tokens (name, role, token_hash, prefix, created_at, created_by)
values ($name, $role, $token_hash, $prefix, cast($now as timestamptz), $created_by)
returning token_id, name, role, prefix, created_at
