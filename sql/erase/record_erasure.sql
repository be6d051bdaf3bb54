-- Records one erasure (privacy/erase.ts); answers its id.
-- params: $erased_by, $kind, $id_sha256, $source, $counts (JSON text)
insert into erasures (erased_at, erased_by, kind, id_sha256, source, counts)
values (now(), $erased_by, $kind, $id_sha256, $source, cast($counts as json))
returning erasure_id
