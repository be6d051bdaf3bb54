-- Erasure (privacy/erase.ts): rejected rows whose record as read has a field equal to the id
-- (as text, or as a number for a numeric id), at any depth of an API export's JSON, or, for a
-- record that could not be split into fields, the id as a whole word of its text. Which field
-- is the requester's or the org's differs by export; a rejected row of someone else with a
-- field equal to the id goes too, which loses a diagnostic, never personal data.
-- params: $kind (requester | org; either matches the same way), $id, $source (null: all)
delete from import_quarantine
where ($source is null or source = $source)
    and $kind in ('requester', 'org')
    and (
        json_contains(raw_record, to_json($id))
        or coalesce(
            cast(try_cast($id as bigint) as varchar) = $id
            and json_contains(raw_record, to_json(try_cast($id as bigint))),
            false
        )
        or coalesce(
            regexp_matches(
                raw_record ->> 'record as written',
                '(^|[^A-Za-z0-9_.@-])' || regexp_escape($id) || '($|[^A-Za-z0-9_.@-])'
            ),
            false
        )
    )
