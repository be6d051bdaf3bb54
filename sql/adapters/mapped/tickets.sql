-- adapter:  mapped, any CSV described by a mapping file (docs/mappings/README.md)
-- reads:    _map_rows (one row per ticket, built from the mapping by
--           src/lib/server/ingest/adapters/mapped-sql.ts: every generic tickets column
--           typed, null where the mapping leaves it out; `<column>__bad` holds the text of
--           a value that would not parse; `<column>__source` and `vm_<metric>__*` hold the
--           source values behind value maps, for the import summary)
-- writes:   generic tickets columns as text, and the vendor's own metrics (vendor_metrics)
-- Timestamps were read in the mapping's zone and are written as UTC instants, so the
-- import's --timezone ($tz) plays no part. A value that would not parse is written as its
-- own text (with what was expected), which the generic checker rejects: the ticket is
-- quarantined at the line of the record that had it.
with source as (
    select *
    from _map_rows
),

final as (
    select
        * exclude (
            created_at__bad,
            outbound__bad,
            first_ack_at__bad,
            first_response_at__bad,
            solved_at__bad,
            final_solved_at__bad,
            closed_at__bad,
            reopens__bad,
            agent_replies__bad,
            csat_at__bad,
            handle_time_min__bad
        )
        replace (
            coalesce(created_at__bad, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as created_at,
            coalesce(outbound__bad, case outbound when true then 'true' when false then 'false' end) as outbound,
            coalesce(first_ack_at__bad, strftime(first_ack_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as first_ack_at,
            coalesce(first_response_at__bad, strftime(first_response_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as first_response_at,
            coalesce(solved_at__bad, strftime(solved_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as solved_at,
            coalesce(final_solved_at__bad, strftime(final_solved_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as final_solved_at,
            coalesce(closed_at__bad, strftime(closed_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as closed_at,
            -- whole numbers without a trailing .0; a fraction is kept for the checker to refuse
            coalesce(reopens__bad, case when reopens = trunc(reopens) and abs(reopens) < 1e15 then cast(cast(reopens as bigint) as varchar) else cast(reopens as varchar) end) as reopens,
            coalesce(agent_replies__bad, case when agent_replies = trunc(agent_replies) and abs(agent_replies) < 1e15 then cast(cast(agent_replies as bigint) as varchar) else cast(agent_replies as varchar) end) as agent_replies,
            coalesce(csat_at__bad, strftime(csat_at, '%Y-%m-%dT%H:%M:%S.%fZ')) as csat_at,
            coalesce(handle_time_min__bad, cast(handle_time_min as varchar)) as handle_time_min
        )
    from source
)

select * from final
