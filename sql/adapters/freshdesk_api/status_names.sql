-- adapter:  freshdesk-api, the account's status names from GET /api/v2/ticket_fields
-- reads:    _fd_fields (record_no, j: one ticket field as JSON; empty without the file)
-- writes:   one row per status id with the agent-facing name, e.g. 6 -> Waiting on Customer
-- The status field (name "status") lists its choices as {"<id>": ["<agent label>",
-- "<customer label>"], ...}; the agent label is the name the team knows.
with fields as (
    select j
    from _fd_fields
    where json_extract_string(j, '$.name') = 'status'
),

final as (
    select distinct on (choice.key)
        choice.key as status_id,
        coalesce(json_extract_string(choice.value, '$[0]'), json_extract_string(choice.value, '$')) as status_name
    from fields, json_each(json_extract(fields.j, '$.choices')) as choice
    order by choice.key
)

select * from final
