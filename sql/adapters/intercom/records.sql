-- adapter:  intercom (docs: shared vendor-formats 1.5)
-- reads:    the export file at $path: API pages {"type": "conversation.list",
--           "conversations": [...]}, an array of conversation objects, or NDJSON of either
-- limits:   one top-level JSON value (a page, an array element, an NDJSON line) up to 64 MB:
--           DuckDB sizes its read buffers from this limit, so a larger one costs memory on
--           every file (1 GB asked for 2 GB buffers)
-- writes:   one row per conversation: record_no (its 1-based position in the file, pages
--           taken in order) and the conversation as JSON
-- The file is read as raw JSON objects, not inferred into STRUCTs: a field no conversation
-- of this file happens to have (conversation_parts, companies) must read as null, not fail.
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
            when json_type(json, '$.conversations') = 'ARRAY' then json_extract(json, '$.conversations[*]')
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
