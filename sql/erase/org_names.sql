-- Erasure (privacy/erase.ts): the names of the org being erased, read before its row goes,
-- so that the messages deskpulse sent (review flags name orgs) can be scrubbed of them.
-- params: $kind (requester | org), $id, $source (null: all)
select distinct name
from raw_generic_orgs
where ($source is null or source = $source)
    and $kind = 'org'
    and org_id = $id
    and name is not null and length(trim(name)) > 0
