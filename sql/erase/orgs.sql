-- Erasure (privacy/erase.ts): an org's own row (a requester has none here).
-- params: $kind (requester | org), $id, $source (null: all)
delete from raw_generic_orgs
where ($source is null or source = $source)
    and $kind = 'org'
    and org_id = $id
