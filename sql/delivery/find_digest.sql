select * from digests where digest_id = $digest_id
