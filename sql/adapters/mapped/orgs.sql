-- adapter:  mapped, any CSV described by a mapping file (docs/mappings/README.md)
-- reads:    _map_rows (one row per org, built from the mapping by
--           src/lib/server/ingest/adapters/mapped-sql.ts: every generic orgs column typed,
--           null where the mapping leaves it out; `<column>__bad` holds the text of a value
--           that would not parse; `<column>__source` the source values behind value maps)
-- writes:   generic orgs columns as text (a CRM export's accounts: plan, segment, ARR)
-- A value that would not parse is written as its own text, which the generic checker
-- rejects: the org is quarantined at the line that had it.
with source as (
    select *
    from _map_rows
),

final as (
    select
        * exclude (
            arr__bad,
            seats__bad,
            signup_at__bad
        )
        replace (
            coalesce(arr__bad, cast(arr as varchar)) as arr,
            coalesce(seats__bad, case when seats = trunc(seats) and abs(seats) < 1e15 then cast(cast(seats as bigint) as varchar) else cast(seats as varchar) end) as seats,
            coalesce(signup_at__bad, strftime(signup_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as signup_at
        )
    from source
)

select * from final
