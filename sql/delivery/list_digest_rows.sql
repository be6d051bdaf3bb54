-- Every digest as stored, for the scheduler.
select * from digests order by digest_id
