-- report:   tickets per customer by customer age, per signup-month cohort of orgs
-- grain:    one row per signup month x age in months (0 = the signup month itself)
-- params:   $as_of (instant), $tz (months are local calendar months), $from_month (first
--           signup month, 'YYYY-MM-01'), $max_age (oldest age in months shown), $f_* filters
--           (segment, plan, org, source select orgs; every filter narrows the tickets)
-- An org's age at a ticket is the number of calendar months from its signup month to the
-- ticket's creation month. Each cohort lists every age it has reached by $as_of, so a month
-- without tickets shows 0 rather than nothing; tickets before the signup month are left out.
with orgs as (
    select
        source,
        org_id,
        cast(date_trunc('month', dp_local(signup_at, $tz)) as date) as signup_month
    from dim_orgs
    where signup_at is not null
        and signup_at < cast($as_of as timestamptz)
        and dp_local(signup_at, $tz) >= cast($from_month as timestamp)
        and dp_match($f_segment, segment)
        and dp_match($f_plan, plan)
        and dp_match($f_org, org_id)
        and dp_match($f_source, source)
),

as_of_month as (
    select cast(date_trunc('month', timezone($tz, cast($as_of as timestamptz))) as date) as month
),

cohorts as (
    select signup_month, count(*)::integer as orgs
    from orgs
    group by signup_month
),

-- Every (cohort, age) the cohort has reached by $as_of, up to $max_age.
cells as (
    select cohorts.signup_month, cohorts.orgs, age.age_months::integer as age_months
    from cohorts
    cross join as_of_month
    cross join lateral (
        select unnest(range(0, least(cast($max_age as integer), datediff('month', cohorts.signup_month, as_of_month.month)) + 1)) as age_months
    ) as age
),

tickets as (
    select
        orgs.signup_month,
        datediff('month', orgs.signup_month, cast(date_trunc('month', dp_local(scoped.created_at, $tz)) as date)) as age_months
    from dp_scope_tickets(
        $as_of, null, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    ) as scoped
    join orgs
        on orgs.source = scoped.source
        and orgs.org_id = scoped.org_id
    where not scoped.is_outbound
),

counted as (
    select signup_month, age_months, count(*)::integer as tickets
    from tickets
    where age_months >= 0
    group by signup_month, age_months
)

select
    strftime(cells.signup_month, '%Y-%m') as signup_month,
    cells.age_months,
    cells.orgs,
    coalesce(counted.tickets, 0) as tickets,
    coalesce(counted.tickets, 0) / cells.orgs as tickets_per_org
from cells
left join counted
    on counted.signup_month = cells.signup_month
    and counted.age_months = cells.age_months
order by cells.signup_month, cells.age_months
