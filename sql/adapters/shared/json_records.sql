-- reads:    a JSON export at $path: API pages holding the records in an array at $list_path
--           (Intercom '$.conversations', Help Scout '$._embedded.conversations'), an array of
--           records, or NDJSON of either
-- limits:   one top-level JSON value (a page, an array element, an NDJSON line) up to 64 MB:
--           DuckDB sizes its read buffers from this limit, so a larger one costs memory on
--           every file (1 GB asked for 2 GB buffers)
-- writes:   one row per record: record_no (its 1-based position in the file, pages taken in
--           order) and the record as JSON
-- The file is read as raw JSON objects, not inferred into STRUCTs: a field no record of
-- this file happens to have (Intercom's conversation_parts, Help Scout's threads without
-- embed=threads, a rating) must read as null, not fail.
with objects as (
    select
        row_number() over () as object_no,
        json
    from read_json_objects($path, format = 'auto', maximum_object_size = 67108864)
),

listed as (
    select
        object_no,
        case
            when json_type(json, $list_path) = 'ARRAY' then json_extract(json, $list_path || '[*]')
            else [json]
        end as conversations
    from objects
),

-- Records before each object, so a conversation's number is its object's offset plus its
-- position: no sort of the (large) conversations themselves.
offsets as (
    select
        object_no,
        conversations,
        coalesce(sum(len(conversations)) over (order by object_no rows between unbounded preceding and 1 preceding), 0) as records_before
    from listed
),

unnested as (
    select
        records_before,
        unnest(range(1, len(conversations) + 1)) as position,
        unnest(conversations) as conversation
    from offsets
),

final as (
    select
        records_before + position as record_no,
        conversation
    from unnested
)

select * from final
