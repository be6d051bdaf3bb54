-- The pairs `deskpulse reconcile` compares: deskpulse's per-ticket values beside the ones the
-- vendor's export computed, one row per ticket x metric x flavour where both sides have a
-- value, with whether they agree within `tolerance_minutes` and, if not, the likely reason.
-- Compared: first reply (frt), first resolution, full resolution, in calendar and business
-- minutes, and the SLA outcomes (within / breached). A pair is left out where deskpulse's
-- value was derived from the vendor's own (a timestamp rebuilt from an exported duration,
-- or business minutes taken from the vendor for want of a schedule): agreement there
-- proves nothing. The likely reason of a disagreement is read from the ticket:
-- - schedule: the calendar values agree but the business ones differ (another schedule);
-- - bot reply: the vendor's first reply equals the time of a bot or auto acknowledgement;
-- - reopen: the ticket was reopened, and first and final solves are easy to mix up;
-- - as_of: deskpulse judged the SLA at as_of, the vendor at export time, on an open ticket.
create or replace macro dp_reconcile_pairs(source_label, tolerance_minutes) as table
    with tickets as (
        select *
        from fct_tickets
        where (source_label is null or source = source_label)
    ),

    vendor as (
        select *
        from stg_vendor_metrics
        where (source_label is null or source = source_label)
    ),

    -- Exports whose timestamps deskpulse rebuilds from the vendor's calendar durations.
    derived_calendar as (
        select * from (values
            ('zendesk-csv', 'frt'),
            ('zendesk-csv', 'resolution'),
            ('zendesk-api', 'frt'),
            ('zendesk-api', 'resolution')
        ) as t(adapter, metric)
    ),

    durations as (
        select
            tickets.source,
            tickets.ticket_id,
            vendor.metric,
            flavour.name as flavour,
            case
                when vendor.metric = 'frt' and flavour.name = 'calendar' then tickets.frt_calendar_minutes
                when vendor.metric = 'frt' then tickets.frt_business_minutes
                when vendor.metric = 'resolution' and flavour.name = 'calendar' then tickets.resolution_calendar_minutes
                when vendor.metric = 'resolution' then tickets.resolution_business_minutes
                when vendor.metric = 'full_resolution' and flavour.name = 'calendar' then tickets.full_resolution_calendar_minutes
                when vendor.metric = 'full_resolution' then tickets.full_resolution_business_minutes
            end as deskpulse_minutes,
            case flavour.name when 'calendar' then vendor.calendar_minutes else vendor.business_minutes end as vendor_minutes,
            case
                when flavour.name = 'business' and tickets.business_clock = 'vendor' then true
                when flavour.name = 'calendar' and exists (
                    select 1 from derived_calendar d where d.adapter = vendor.adapter and d.metric = vendor.metric
                ) then true
                else false
            end as is_derived,
            tickets.ack_calendar_minutes,
            tickets.is_reopened,
            vendor.calendar_minutes as vendor_calendar_minutes,
            case vendor.metric
                when 'frt' then tickets.frt_calendar_minutes
                when 'resolution' then tickets.resolution_calendar_minutes
                when 'full_resolution' then tickets.full_resolution_calendar_minutes
            end as deskpulse_calendar_minutes
        from tickets
        inner join vendor
            on vendor.source = tickets.source
            and vendor.ticket_id = tickets.ticket_id
            and vendor.metric in ('frt', 'resolution', 'full_resolution')
        cross join (select unnest(['calendar', 'business']) as name) as flavour
    ),

    compared_durations as (
        select
            source,
            ticket_id,
            metric,
            flavour,
            deskpulse_minutes,
            vendor_minutes,
            cast(null as varchar) as deskpulse_outcome,
            cast(null as varchar) as vendor_outcome,
            deskpulse_minutes - vendor_minutes as difference_minutes,
            abs(deskpulse_minutes - vendor_minutes) <= tolerance_minutes as is_agreeing,
            case
                when abs(deskpulse_minutes - vendor_minutes) <= tolerance_minutes then null
                when flavour = 'business' and abs(deskpulse_calendar_minutes - vendor_calendar_minutes) <= tolerance_minutes then 'schedule'
                when metric = 'frt' and abs(ack_calendar_minutes - vendor_calendar_minutes) <= tolerance_minutes then 'bot reply'
                when metric in ('resolution', 'full_resolution') and is_reopened then 'reopen'
                else 'unexplained'
            end as likely_reason
        from durations
        where deskpulse_minutes is not null
            and vendor_minutes is not null
            and not is_derived
    ),

    -- deskpulse's SLA outcome per ticket, judged as the metric SQL does but on final values.
    outcomes as (
        select
            tickets.source,
            tickets.ticket_id,
            vendor.metric,
            case vendor.metric
                when 'sla_frt' then case
                    when tickets.frt_target_minutes is null then null
                    when tickets.first_response_at is not null then
                        case when tickets.frt_business_minutes > tickets.frt_target_minutes then 'breached' else 'within' end
                end
                when 'sla_resolution' then case
                    when tickets.resolution_target_minutes is null then null
                    when tickets.solved_at is not null then
                        case when tickets.resolution_business_minutes > tickets.resolution_target_minutes then 'breached' else 'within' end
                end
            end as deskpulse_outcome,
            vendor.outcome as vendor_outcome,
            tickets.business_clock,
            tickets.is_open
        from tickets
        inner join vendor
            on vendor.source = tickets.source
            and vendor.ticket_id = tickets.ticket_id
            and vendor.metric in ('sla_frt', 'sla_resolution')
            and vendor.outcome in ('within', 'breached')
    ),

    compared_outcomes as (
        select
            source,
            ticket_id,
            metric,
            'outcome' as flavour,
            cast(null as double) as deskpulse_minutes,
            cast(null as double) as vendor_minutes,
            deskpulse_outcome,
            vendor_outcome,
            cast(null as double) as difference_minutes,
            deskpulse_outcome = vendor_outcome as is_agreeing,
            case
                when deskpulse_outcome = vendor_outcome then null
                when business_clock = 'vendor' then 'schedule'
                when is_open then 'as_of'
                else 'targets'
            end as likely_reason
        from outcomes
        where deskpulse_outcome is not null
    ),

    final as (
        select * from compared_durations
        union all
        select * from compared_outcomes
    )

    select * from final;
