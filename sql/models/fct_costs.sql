-- Support cost periods (both ends inclusive), with the per-day amount that proration of a
-- period across report periods multiplies by the overlapping days.
with costs as (
    select * from stg_generic_costs
),

final as (
    select
        source,
        period_start_on,
        period_end_on,
        cost_type,
        channel,
        amount,
        currency,
        agent_fte,
        date_diff('day', period_start_on, period_end_on) + 1 as period_day_count,
        amount / (date_diff('day', period_start_on, period_end_on) + 1) as amount_per_day
    from costs
)

select * from final
