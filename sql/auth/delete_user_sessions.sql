-- Sign-out everywhere, and what removing a user or changing their role or password does.
delete from sessions where user_id = $user_id
