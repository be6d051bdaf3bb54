-- Customer accounts, one row per (source, org_id). Where the file gives no segment it is
-- derived from plan and ARR by the format's default rule: enterprise or ARR >= 100k is
-- high_touch; premium or ARR >= 20k is blended; everything else is scaled.
with orgs as (
    select * from stg_generic_orgs
),

final as (
    select
        source,
        org_id,
        org_name,
        plan,
        coalesce(
            segment,
            case
                when plan = 'enterprise' or arr_amount >= 100000 then 'high_touch'
                when plan = 'premium' or arr_amount >= 20000 then 'blended'
                else 'scaled'
            end
        ) as segment,
        segment is null as is_segment_derived,
        arr_amount,
        arr_amount / 12.0 as monthly_contract_amount,
        seat_count,
        signup_at,
        csm_id,
        timezone,
        region,
        domain
    from orgs
)

select * from final
