-- A new user (auth/users.ts); the email is unique, stored lower-case by the caller.
insert into users (email, role, password_hash, created_at)
values ($email, $role, $password_hash, cast($now as timestamptz))
returning user_id, email, role
