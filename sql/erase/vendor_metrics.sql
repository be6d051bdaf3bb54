-- Erasure (privacy/erase.ts): what the vendor computed for the tickets about to be erased;
-- run before those tickets go. params: $kind (requester | org), $id, $source (null: all)
delete from raw_vendor_metrics
where (source, ticket_id) in (
    select source, ticket_id
    from raw_generic_tickets
    where ($source is null or source = $source)
        and (($kind = 'requester' and requester_id = $id) or ($kind = 'org' and org_id = $id))
)
