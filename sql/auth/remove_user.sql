-- A removed user keeps its row (the audit log names it) but can no longer sign in; its email
-- is freed for a new account by suffixing it.
update users set disabled_at = cast($now as timestamptz), email = email || '#removed-' || user_id, password_hash = null
where user_id = $user_id and disabled_at is null
