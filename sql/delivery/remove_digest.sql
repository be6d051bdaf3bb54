delete from digests where digest_id = $digest_id returning digest_id
