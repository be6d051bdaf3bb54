-- adapter:  intercom-tables, Fivetran's company_history (docs: shared vendor-formats 1.5)
-- reads:    _vendor (company_history rows; aliases from
--           src/lib/server/ingest/adapters/intercom-tables.ts)
-- writes:   generic orgs columns as text, one row per Intercom company id
-- params:   none used: Fivetran's times are UTC
-- Decisions:
-- * SCD type 2: a company's current row is the one with _fivetran_active true, else the one
--   with the latest _fivetran_start.
-- * org_id is Intercom's company id, which contact_company_history links contacts to.
-- * plan = plan_name. arr = 12 x monthly_spend: Intercom's monthly_spend is the company's
--   monthly revenue for you, in whole units; it is 0 until someone sets it, so 0 reads as
--   unknown (no arr) rather than a free account.
-- * signup_at = remote_created_at (when the company signed up with you), else created_at
--   (when Intercom first saw it). user_count counts Intercom contacts, not paid seats: no seats.
with source as (
    select *
    from _vendor
    where record_no > 1
    qualify row_number() over (
        partition by coalesce(id, '#' || record_no)
        order by ict_active(fivetran_active) desc, ict_ts(fivetran_start) desc nulls last, record_no desc
    ) = 1
),

final as (
    select
        record_no,
        line_no,
        dp_vendor_text(id) as org_id,
        dp_vendor_text(name) as name,
        dp_vendor_text(plan_name) as plan,
        case
            when try_cast(monthly_spend as double) > 0 then cast(try_cast(monthly_spend as double) * 12 as varchar)
            when try_cast(monthly_spend as double) = 0 then null
            else dp_vendor_text(monthly_spend)
        end as arr,
        coalesce(ict_ts_text(remote_created_at), ict_ts_text(created_at)) as signup_at,
        extra,
        raw_record
    from source
)

select * from final
