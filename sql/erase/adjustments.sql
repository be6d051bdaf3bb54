-- Erasure (privacy/erase.ts): adjusted values equal to the id. An adjustment keeps a line, a
-- column and a timestamp or count, never whose row it was, so only a value that is the id
-- itself can name the person or org. params: $kind (requester | org), $id, $source (null: all)
delete from import_adjustments
where ($source is null or source = $source)
    and $kind in ('requester', 'org')
    and (value = $id or adjusted_to = $id)
