update api_tokens set last_used_at = cast($now as timestamptz) where token_id = $token_id
