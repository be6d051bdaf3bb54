update users set role = $role where user_id = $user_id and disabled_at is null
