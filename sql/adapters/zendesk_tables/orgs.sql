-- adapter:  zendesk-tables, Fivetran's `organization` table (docs: shared vendor-formats 1.2)
-- reads:    _vendor (one row per organization; aliases from src/lib/server/ingest/adapters/zendesk-tables.ts)
--           and _zt_org_tags (organization_tag: organization_id, tag; may be empty)
-- writes:   generic orgs columns as text: org_id, name, plan, segment
-- Decisions: Zendesk has no plan or segment of its own. A plan or segment is read only where
-- the account keeps one: an organization field landed as a `plan` / `segment` column (or
-- `custom_plan` / `custom_segment`), or, for the segment, an organization tag that is exactly
-- a segment name (scaled, blended, high_touch or high-touch). Nothing is guessed from other
-- tags; without either, dim_orgs derives the segment from plan and ARR as for any source.
-- A row Fivetran marks deleted (`_fivetran_deleted`) is skipped. created_at is when the
-- organization was added to Zendesk, not a customer's signup, so it is not read as signup_at.
with source as (
    select *
    from _vendor
    where record_no > 1
        and coalesce(dp_parse_bool(fivetran_deleted), false) = false
),

tag_segments as (
    select
        organization_id,
        arg_min(
            segment,
            case segment when 'high_touch' then 1 when 'blended' then 2 else 3 end
        ) as segment
    from (
        select
            organization_id,
            replace(lower(trim(tag)), '-', '_') as segment
        from _zt_org_tags
    )
    where segment in ('scaled', 'blended', 'high_touch')
    group by all
),

final as (
    select
        source.record_no,
        source.line_no,
        dp_vendor_text(source.zd_id) as org_id,
        dp_vendor_text(source.name) as name,
        dp_vendor_text(source.plan) as plan,
        coalesce(dp_vendor_text(source.segment), tag_segments.segment) as segment,
        source.extra,
        source.raw_record
    from source
    left join tag_segments
        on tag_segments.organization_id = dp_vendor_text(source.zd_id)
)

select * from final
