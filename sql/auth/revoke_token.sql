update api_tokens set revoked_at = cast($now as timestamptz) where token_id = $token_id and revoked_at is null
returning token_id, name
