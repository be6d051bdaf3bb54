-- Adds what an erasure did to kept uploads (privacy/kept-uploads.ts) to its counts, once the
-- files are done (they are outside the database's transaction).
-- params: $erasure_id, $counts (JSON text: the whole counts)
update erasures
set counts = cast($counts as json)
where erasure_id = $erasure_id
