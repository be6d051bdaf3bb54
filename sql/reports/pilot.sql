-- report:   a pilot's result: before/after for its treated and control groups and the
--           difference-in-differences of each metric with a 95 % confidence interval
--           (docs/pilots.md)
-- grain:    kind 'cell': one row per group (treated, control) x period (before, after) x
--           metric; kind 'effect': one row per metric; kind 'week': one row per group x
--           pilot week (tickets created, for the chart); kind 'window': one row, the weeks
-- params:   $as_of, $hours (business | calendar), $starts_at, $ends_at (null: still running),
--           $treated, $control (JSON objects of dimension -> values, sql/macros/pilot_groups.sql;
--           a null control is every ticket not treated), $before_weeks, $max_after_weeks,
--           $replicates (bootstrap replicates)
-- Windows. Weeks are counted from the pilot's start instant, 7 x 24 h each, so a pilot that
-- starts on a Monday at 15:00 has its weeks from Monday 15:00, in every zone alike. The
-- after period is its whole weeks up to its end (or $as_of while it runs), at most
-- $max_after_weeks; the before period the $before_weeks weeks before the start, fewer when
-- the history is shorter. A week not complete at $as_of is left out.
-- Metrics, each in the group's tickets created in the period (so a change's effect is read
-- on the tickets that met it), inbound only, events as of $as_of, durations in $hours:
-- - tickets_per_customer: tickets created / active customers / weeks (active customers:
--   orgs of the group with a ticket or a self-service session in the period; a group named
--   by ticket dimensions only, e.g. a category, has every active customer). Its effect is
--   relative, in percent: (treated after / before) / (control after / before) - 1, so a
--   group ten times smaller than its control is judged on its own scale. Interval: a paired
--   bootstrap of the weeks (the same weeks drawn for both groups, so what hit every ticket
--   that week cancels), percentile method.
-- - frt_median_min, resolution_median_min: medians of first response and first resolution
--   (solved by $as_of; a ticket of the last weeks still open is not in them yet, in both
--   groups alike). Effect in minutes, (Ta - Tb) - (Ca - Cb); interval: bootstrap of each
--   cell's tickets (each resampled whole, independently), percentile method; see
--   median_uniforms for how a replicate is drawn without materializing the resample.
-- - csat_rate (satisfied / rated), reopen_rate (reopened / solved), deflection_rate
--   (deflected sessions / (deflected sessions + tickets created), as sql/metrics/self_service.sql,
--   sources with self-service data only): effect in points, each cell's Wilson interval
--   combined by MOVER (dp_mover, sql/macros/intervals.sql). Deflection needs groups of
--   customers: sessions carry no category, channel or tag, so a group named by those has
--   none (null, and the page says why).
with settings as (
    select
        cast($starts_at as timestamptz) as starts_at,
        least(coalesce(cast($ends_at as timestamptz), cast($as_of as timestamptz)), cast($as_of as timestamptz)) as after_ends_at,
        dp_pilot_group($treated) as t,
        dp_pilot_group($control) as c,
        $control is null as control_is_rest
),

window_weeks as (
    select
        greatest(0, least(
            cast($before_weeks as integer),
            cast(floor((epoch(s.starts_at) - epoch(first_ticket.at)) / 604800) as integer)
        )) as before_weeks,
        greatest(0, least(
            cast($max_after_weeks as integer),
            cast(floor((epoch(s.after_ends_at) - epoch(s.starts_at)) / 604800) as integer)
        )) as after_weeks
    from settings s, (
        select coalesce(min(created_at), cast($starts_at as timestamptz)) as at
        from fct_tickets
        where not is_outbound and created_at < cast($as_of as timestamptz)
    ) as first_ticket
),

-- Whether each group has self-service sessions of its own: only a group of customers does
-- (for "the rest", when the treated group is one). Customers are counted in weekly_customers.
groups as (
    select
        s.*,
        dp_pilot_is_org_group(s.t) as treated_has_sessions,
        case when s.control_is_rest then dp_pilot_is_org_group(s.t) else dp_pilot_is_org_group(s.c) end
            as control_has_sessions
    from settings s
),

tickets as (
    select
        case
            when dp_pilot_ticket_match(g.t, p.segment, p.plan, p.org_id, p.source, p.channel, p.category, p.tags, p.priority)
                then 'treated'
            when g.control_is_rest
                or dp_pilot_ticket_match(g.c, p.segment, p.plan, p.org_id, p.source, p.channel, p.category, p.tags, p.priority)
                then 'control'
        end as grp,
        cast(floor((epoch(p.created_at) - epoch(g.starts_at)) / 604800) as integer) as week,
        p.source,
        p.org_id,
        p.frt_minutes,
        p.resolution_minutes,
        p.is_solved,
        p.is_reopened,
        p.is_csat_satisfied,
        coalesce(p.is_csat_satisfied is not null and p.rated_at <= cast($as_of as timestamptz), false) as is_rated
    from dp_ticket_progress(
        $as_of, $hours, null, null,
        null, null, null, null, null, null, null, null, null, null, null
    ) as p, groups g, window_weeks ww
    where not p.is_outbound
        -- The widest windows, from the parameters alone: a filter the scan itself applies.
        and p.created_at >= cast($starts_at as timestamptz) - to_days(7 * cast($before_weeks as integer))
        and p.created_at < cast($starts_at as timestamptz) + to_days(7 * cast($max_after_weeks as integer))
        and p.created_at >= g.starts_at - to_days(7 * ww.before_weeks)
        and p.created_at < g.starts_at + to_days(7 * ww.after_weeks)
),

cell_tickets as (
    select *, case when week < 0 then 'before' else 'after' end as period
    from tickets
    where grp is not null
),

-- Self-service sessions in the windows, by the org group they belong to.
sessions as (
    select
        case when week < 0 then 'before' else 'after' end as period,
        *
    from (
        select
            cast(floor((epoch(x.started_at) - epoch(g.starts_at)) / 604800) as integer) as week,
            x.source,
            x.org_id,
            x.is_deflected,
            dp_pilot_org_match(g.t, x.segment, x.plan, x.org_id, x.source) as in_treated,
            case
                when g.control_is_rest then not dp_pilot_names_orgs(g.t) or not dp_pilot_org_match(g.t, x.segment, x.plan, x.org_id, x.source)
                else dp_pilot_org_match(g.c, x.segment, x.plan, x.org_id, x.source)
                    and not (dp_pilot_is_org_group(g.t) and dp_pilot_org_match(g.t, x.segment, x.plan, x.org_id, x.source))
            end as in_control
        from dp_scope_sessions($as_of, null, null, null, null, null, null) as x, groups g, window_weeks ww
        where x.started_at >= cast($starts_at as timestamptz) - to_days(7 * cast($before_weeks as integer))
            and x.started_at < cast($starts_at as timestamptz) + to_days(7 * cast($max_after_weeks as integer))
            and x.started_at >= g.starts_at - to_days(7 * ww.before_weeks)
            and x.started_at < g.starts_at + to_days(7 * ww.after_weeks)
    )
),

session_sources as (
    select distinct source from fct_self_service
),

-- Active customers per group and week: orgs with a ticket of any kind or a session.
org_activity as (
    select week, source, org_id, segment, plan
    from (
        select
            cast(floor((epoch(t.created_at) - epoch(g.starts_at)) / 604800) as integer) as week,
            t.source, t.org_id, t.segment, t.plan
        from fct_tickets t, groups g, window_weeks ww
        where not t.is_outbound
            and t.org_id is not null
            and t.created_at < cast($as_of as timestamptz)
            and t.created_at >= cast($starts_at as timestamptz) - to_days(7 * cast($before_weeks as integer))
            and t.created_at < cast($starts_at as timestamptz) + to_days(7 * cast($max_after_weeks as integer))
            and t.created_at >= g.starts_at - to_days(7 * ww.before_weeks)
            and t.created_at < g.starts_at + to_days(7 * ww.after_weeks)
        union all
        select
            cast(floor((epoch(x.started_at) - epoch(g.starts_at)) / 604800) as integer),
            x.source, x.org_id, x.segment, x.plan
        from fct_self_service x, groups g, window_weeks ww
        where x.org_id is not null
            and x.started_at < cast($as_of as timestamptz)
            and x.started_at >= cast($starts_at as timestamptz) - to_days(7 * cast($before_weeks as integer))
            and x.started_at < cast($starts_at as timestamptz) + to_days(7 * cast($max_after_weeks as integer))
            and x.started_at >= g.starts_at - to_days(7 * ww.before_weeks)
            and x.started_at < g.starts_at + to_days(7 * ww.after_weeks)
    )
),

-- A group's customer-weeks: its active customers summed over the weeks, so a longer window
-- does not gather more customers per week than a shorter one.
weekly_customers as (
    select
        grp, week, count(distinct (source, org_id)) as customers
    from (
        select
            a.week, a.source, a.org_id,
            unnest([
                case when dp_pilot_org_match(g.t, a.segment, a.plan, a.org_id, a.source) then 'treated' end,
                case
                    when g.control_is_rest and (not dp_pilot_names_orgs(g.t) or not dp_pilot_org_match(g.t, a.segment, a.plan, a.org_id, a.source))
                        then 'control'
                    when not g.control_is_rest and dp_pilot_org_match(g.c, a.segment, a.plan, a.org_id, a.source)
                        then 'control'
                end
            ]) as grp
        from org_activity a, groups g
    )
    where grp is not null
    group by all
),

customers as (
    select grp, case when week < 0 then 'before' else 'after' end as period, sum(customers) as customer_weeks
    from weekly_customers
    group by all
),

cells as (
    select
        grp,
        period,
        count(*) as tickets,
        count(*) filter (where source in (select source from session_sources)) as tickets_with_sessions,
        count(frt_minutes) as frt_n,
        median(frt_minutes) as frt_median_min,
        count(resolution_minutes) as resolution_n,
        median(resolution_minutes) as resolution_median_min,
        count(*) filter (where is_rated) as rated,
        count(*) filter (where is_rated and is_csat_satisfied) as satisfied,
        count(*) filter (where is_solved) as solved,
        count(*) filter (where is_solved and is_reopened) as reopened
    from cell_tickets
    group by all
),

session_cells as (
    select grp, period, count(*) filter (where is_deflected) as deflected
    from (
        select period, is_deflected, unnest([
            case when in_treated and g.treated_has_sessions then 'treated' end,
            case when in_control and g.control_has_sessions then 'control' end
        ]) as grp
        from sessions, groups g
    )
    where grp is not null
    group by all
),

-- Every group x period, also the empty ones, with its figures.
grid as (
    select
        grp, period,
        case when period = 'before' then ww.before_weeks else ww.after_weeks end as weeks,
        coalesce(c.tickets, 0) as tickets,
        coalesce(c.tickets_with_sessions, 0) as tickets_with_sessions,
        coalesce(k.customer_weeks, 0) as customer_weeks,
        coalesce(c.frt_n, 0) as frt_n, c.frt_median_min,
        coalesce(c.resolution_n, 0) as resolution_n, c.resolution_median_min,
        coalesce(c.rated, 0) as rated, coalesce(c.satisfied, 0) as satisfied,
        coalesce(c.solved, 0) as solved, coalesce(c.reopened, 0) as reopened,
        case when (grp = 'treated' and g.treated_has_sessions) or (grp = 'control' and g.control_has_sessions)
            then coalesce(sc.deflected, 0) end as deflected
    from (values ('treated'), ('control')) as gs(grp)
    cross join (values ('before'), ('after')) as ps(period)
    cross join window_weeks ww
    cross join groups g
    left join cells c using (grp, period)
    left join customers k using (grp, period)
    left join session_cells sc using (grp, period)
),

-- One row per group x period x metric: the value and its sample, with the Wilson limits
-- of the rates.
cell_metrics as (
    select grp, period, weeks, metric, value, n, x
    from grid,
    lateral (values
        ('tickets_per_customer', tickets / nullif(customer_weeks, 0), tickets, null),
        ('frt_median_min', frt_median_min, frt_n, null),
        ('resolution_median_min', resolution_median_min, resolution_n, null),
        ('csat_rate', satisfied / nullif(rated, 0), rated, satisfied),
        ('reopen_rate', reopened / nullif(solved, 0), solved, reopened),
        ('deflection_rate', deflected / nullif(deflected + tickets_with_sessions, 0), deflected + tickets_with_sessions, deflected)
    ) as m(metric, value, n, x)
),

rate_effects as (
    select
        metric,
        dp_mover(list({
            'p': x / n,
            'lo': dp_wilson_lo(x, n, 1.959964),
            'hi': dp_wilson_hi(x, n, 1.959964),
            'sign': case when (grp = 'treated') = (period = 'after') then 1 else -1 end
        })) as d,
        count(*) filter (where n > 0) as cells_measured
    from cell_metrics
    where metric in ('csat_rate', 'reopen_rate', 'deflection_rate')
    group by metric
),

-- Weekly tickets and customers per group, zeros included, for the week bootstrap and the chart.
weekly as (
    select gs.grp, w.week, coalesce(t.tickets, 0) as tickets, coalesce(k.customers, 0) as customers
    from (values ('treated'), ('control')) as gs(grp)
    cross join window_weeks ww
    cross join lateral (select unnest(range(-ww.before_weeks, ww.after_weeks)) as week) as w
    left join (select grp, week, count(*) as tickets from cell_tickets group by all) as t
        on t.grp = gs.grp and t.week = w.week
    left join weekly_customers k on k.grp = gs.grp and k.week = w.week
),

-- The paired week bootstrap of tickets per customer, for two comparisons:
-- - 'effect': side 1 the after period, side 0 the before period;
-- - 'pre', the pre-trend check: side 1 the later half of the before period, side 0 the
--   earlier half, where no pilot ran. An interval away from 0 there says the groups were
--   already drifting apart, so the effect may be that drift rather than the pilot.
-- Replicate b draws each side's weeks from that side with replacement, as many as it has,
-- the same weeks for both groups (so what hit every ticket in a week cancels). b = 0 of
-- 'pre' is the weeks themselves: its point estimate.
week_sides as (
    select 'effect' as comparison, 1 as side, 0 as first_week, ww.after_weeks as weeks
    from window_weeks ww where ww.before_weeks > 0 and ww.after_weeks > 0
    union all
    select 'effect', 0, -ww.before_weeks, ww.before_weeks
    from window_weeks ww where ww.before_weeks > 0 and ww.after_weeks > 0
    union all
    select 'pre', 1, -(ww.before_weeks // 2), ww.before_weeks // 2
    from window_weeks ww where ww.before_weeks >= 4
    union all
    select 'pre', 0, -ww.before_weeks, ww.before_weeks - ww.before_weeks // 2
    from window_weeks ww where ww.before_weeks >= 4
),

week_draws as (
    select s.comparison, r.b, s.side,
        s.first_week + cast(hash(r.b, d.j, s.comparison, s.side) % s.weeks as integer) as week
    from week_sides s, range(1, cast($replicates as integer) + 1) as r(b),
        lateral (select unnest(range(0, s.weeks)) as j) as d
    union all
    select s.comparison, 0, s.side, s.first_week + d.j
    from week_sides s, lateral (select unnest(range(0, s.weeks)) as j) as d
    where s.comparison = 'pre'
),

week_replicates as (
    select
        d.comparison,
        d.b,
        dp_log_did(
            sum(w.tickets) filter (where w.grp = 'treated' and d.side = 1),
            sum(w.customers) filter (where w.grp = 'treated' and d.side = 1),
            sum(w.tickets) filter (where w.grp = 'treated' and d.side = 0),
            sum(w.customers) filter (where w.grp = 'treated' and d.side = 0),
            sum(w.tickets) filter (where w.grp = 'control' and d.side = 1),
            sum(w.customers) filter (where w.grp = 'control' and d.side = 1),
            sum(w.tickets) filter (where w.grp = 'control' and d.side = 0),
            sum(w.customers) filter (where w.grp = 'control' and d.side = 0)
        ) as log_ratio
    from week_draws d
    join weekly w on w.week = d.week
    group by d.comparison, d.b
),

-- Ratio of the four cells' tickets per customer per week, on the log scale.
per_customer_effect as (
    select
        ln(max(value) filter (where grp = 'treated' and period = 'after'))
        - ln(max(value) filter (where grp = 'treated' and period = 'before'))
        - ln(max(value) filter (where grp = 'control' and period = 'after'))
        + ln(max(value) filter (where grp = 'control' and period = 'before')) as log_ratio
    from cell_metrics
    where metric = 'tickets_per_customer' and value > 0
    having count(*) = 4
),

-- The bootstrap of the medians. A resample of n values is the empirical quantile function
-- applied to n uniform draws, and the function is monotone, so the resample's median is the
-- empirical quantile at the median of those n uniforms: each replicate draws that one number
-- and reads one order statistic, however many tickets the cell has. The median of n uniforms
-- is drawn as such for n <= 100 and from its normal limit N(1/2, 1 / (4 (n + 2))) (the
-- Beta((n+1)/2, (n+1)/2) it is, for odd n) above. A replicate's median is the lower of the
-- two middle values of an even resample.
median_values as (
    select grp, period, metric, v,
        dense_rank() over (order by grp, period, metric) as cell,
        row_number() over (partition by grp, period, metric order by v) as k
    from (
        select grp, period, 'frt_median_min' as metric, frt_minutes as v from cell_tickets where frt_minutes is not null
        union all
        select grp, period, 'resolution_median_min', resolution_minutes from cell_tickets where resolution_minutes is not null
    )
),

median_cells as (
    select cell, grp, period, metric, count(*) as n, median(v) as med
    from median_values
    group by all
),

-- Each replicate's median of uniforms: drawn for the small cells, Box-Muller from two
-- uniforms in (0, 1) for the large ones.
median_uniforms as (
    select c.cell, c.n, r.b, quantile_disc((hash(r.b, c.cell, u.j) % 4503599627370496 + 0.5) / 4503599627370496, 0.5) as u
    from median_cells c, range(1, cast($replicates as integer) + 1) as r(b),
        lateral (select unnest(range(0, c.n)) as j) as u
    where c.n <= 100
    group by all
    union all
    select c.cell, c.n, r.b,
        0.5 + sqrt(-2 * ln((hash(r.b, c.cell, 'a') % 4503599627370496 + 0.5) / 4503599627370496))
            * cos(2 * pi() * (hash(r.b, c.cell, 'b') % 4503599627370496 + 0.5) / 4503599627370496)
            / (2 * sqrt(c.n + 2))
    from median_cells c, range(1, cast($replicates as integer) + 1) as r(b)
    where c.n > 100
),

median_replicates as (
    select d.b, c.metric,
        sum(case when (c.grp = 'treated') = (c.period = 'after') then 1 else -1 end * v.v) as did,
        count(*) as cells
    from median_uniforms d
    join median_cells c using (cell)
    join median_values v
        on v.cell = d.cell and v.k = greatest(1, least(d.n, cast(ceil(d.n * d.u) as bigint)))
    group by all
),

median_effects as (
    select
        metric,
        quantile_cont(did, 0.025) as lo,
        quantile_cont(did, 0.975) as hi
    from median_replicates
    where cells = 4
    group by metric
)

select 'window' as kind, null as grp, null as period, null as metric, null::double as value,
    null::bigint as n, null::double as lo, null::double as hi, null::integer as week,
    before_weeks, after_weeks, null::bigint as tickets, null::double as customers
from window_weeks

union all by name
select 'cell' as kind, m.grp, m.period, m.metric, m.value::double as value, m.n::bigint as n,
    dp_wilson_lo(m.x, m.n, 1.959964) as lo, dp_wilson_hi(m.x, m.n, 1.959964) as hi,
    g.tickets::bigint as tickets, g.customer_weeks / nullif(g.weeks, 0) as customers
from cell_metrics m
join grid g using (grp, period)

union all by name
select 'effect' as kind, metric, 100 * d.est as value, 100 * d.lo as lo, 100 * d.hi as hi,
    cells_measured::bigint as n
from rate_effects
where cells_measured = 4

union all by name
select 'effect' as kind, 'tickets_per_customer' as metric,
    100 * (exp(e.log_ratio) - 1) as value,
    100 * (exp(quantile_cont(r.log_ratio, 0.025)) - 1) as lo,
    100 * (exp(quantile_cont(r.log_ratio, 0.975)) - 1) as hi,
    count(r.log_ratio)::bigint as n
from per_customer_effect e, week_replicates r
where r.comparison = 'effect'
group by e.log_ratio

union all by name
select 'effect' as kind, m.metric,
    sum(case when (m.grp = 'treated') = (m.period = 'after') then 1 else -1 end * m.value) as value,
    any_value(e.lo) as lo, any_value(e.hi) as hi, count(*)::bigint as n
from cell_metrics m
join median_effects e using (metric)
where m.value is not null
group by m.metric
having count(*) = 4

union all by name
select 'effect' as kind, 'pre_trend' as metric,
    100 * (exp(any_value(log_ratio) filter (where b = 0)) - 1) as value,
    100 * (exp(quantile_cont(log_ratio, 0.025) filter (where b > 0)) - 1) as lo,
    100 * (exp(quantile_cont(log_ratio, 0.975) filter (where b > 0)) - 1) as hi,
    count(log_ratio) filter (where b > 0)::bigint as n
from week_replicates
where comparison = 'pre'
having count(log_ratio) filter (where b = 0) = 1

union all by name
select 'week' as kind, grp, null as period, null as metric, null as value, null as n,
    null as lo, null as hi, week, null as before_weeks, null as after_weeks,
    tickets::bigint as tickets, customers::double as customers
from weekly
