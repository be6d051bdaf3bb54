-- One active user by id or by email (either parameter null).
select user_id, email, role, password_hash, created_at
from users
where disabled_at is null
  and (($user_id is not null and user_id = $user_id) or ($email is not null and email = $email))
