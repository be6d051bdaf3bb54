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
        -- A CRM export often identifies an account by its email domain (kept in `extra`,
        -- as the format has no column for it): "https://www.Acme.com/" -> acme.com.
        nullif(regexp_replace(
            lower(trim(coalesce(extra ->> 'domain', extra ->> 'email_domain', extra ->> 'website', ''))),
            '^(https?://)?(www\.)?|/.*$', '', 'g'
        ), '') as domain,
        import_run_id
    from source
)

select * from final
