with source as (
    select * from raw_generic_orgs
),

final as (
    select
        source,
        org_id,
        name as org_name,
        nullif(regexp_replace(lower(trim(plan)), '[\s-]+', '_', 'g'), '') as plan,
        dp_map_segment(segment) as segment,
        arr as arr_amount,
        seats as seat_count,
        signup_at,
        csm_id,
        trim(timezone) as timezone,
        lower(trim(region)) as region,
        import_run_id
    from source
)

select * from final
