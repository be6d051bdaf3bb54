update users set password_hash = $password_hash where user_id = $user_id and disabled_at is null
