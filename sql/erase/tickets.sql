-- Erasure (privacy/erase.ts): the person's or org's rows of raw_generic_tickets.
-- params: $kind (requester | org), $id, $source (null: all)
delete from raw_generic_tickets
where ($source is null or source = $source)
    and (($kind = 'requester' and requester_id = $id) or ($kind = 'org' and org_id = $id))
