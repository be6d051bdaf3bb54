-- Generic-format tickets in deskpulse's vocabulary: statuses, priorities, channels and tiers
-- mapped, tags split into a list, nothing computed yet.
with source as (
    select * from raw_generic_tickets
),

final as (
    select
        source,
        ticket_id,
        created_at,
        dp_map_status(status) as status,
        dp_map_channel(channel) as channel,
        dp_map_priority(priority) as priority,
        subject,
        nullif(regexp_replace(lower(trim(category)), '[\s-]+', '_', 'g'), '') as category,
        list_filter(
            list_transform(string_split_regex(coalesce(tags, ''), '[;,]'), t -> lower(trim(t))),
            t -> t <> ''
        ) as tags,
        requester_id,
        org_id,
        group_name,
        dp_map_tier(tier) as tier,
        assignee_id,
        coalesce(outbound, false) as is_outbound,
        first_ack_at,
        first_response_at,
        solved_at,
        -- A source that records only one solve has its final solve equal to the first.
        coalesce(final_solved_at, solved_at) as final_solved_at,
        closed_at,
        coalesce(reopens, 0) as reopen_count,
        reopens is not null as has_reopen_count,
        agent_replies as agent_reply_count,
        lower(trim(csat_score)) as csat_answer,
        csat_at,
        handle_time_min as handle_minutes,
        import_run_id
    from source
)

select * from final
