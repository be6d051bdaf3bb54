with source as (
    select * from raw_generic_costs
),

final as (
    select
        source,
        period_start as period_start_on,
        period_end as period_end_on,
        lower(trim(cost_type)) as cost_type,
        dp_map_channel(channel) as channel,
        amount,
        upper(trim(currency)) as currency,
        agent_fte,
        import_run_id
    from source
)

select * from final
