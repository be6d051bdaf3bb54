-- report:   weekly ticket arrivals: the history, a forecast of the next $weeks ISO weeks with
--           80 % and 95 % prediction intervals, and a rolling-origin backtest of the same
--           method over the last 26 weeks (docs/forecasting.md says why this method)
-- grain:    one row per (kind, series, week) for kind 'history' and 'forecast'; one row per
--           series for kind 'accuracy'
-- params:   $as_of, $tz, $weeks (1-26), $by1 (the series: a dimension, e.g. channel; null:
--           the total only), $f_* filters
-- method:   Holt's damped-trend exponential smoothing in its state-space form, ETS(A,Ad,N)
--           (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., 8.2
--           and 8.7), fitted to calendar-adjusted weekly counts:
--             a week's count / its calendar index = y_t;  e_t = y_t - (l_{t-1} + phi b_{t-1})
--             l_t = l_{t-1} + phi b_{t-1} + alpha e_t;    b_t = phi b_{t-1} + beta e_t
--             forecast h weeks ahead: l_T + (phi + ... + phi^h) b_T, times the week's index
--             variance h weeks ahead: sigma^2 (1 + sum_{j<h} (alpha + beta (phi + ... + phi^j))^2)
--           alpha, beta, phi are chosen on a grid by the least sum of squared one-step errors
--           (least squares: the likelihood's choice under Gaussian errors). l_0 is the mean of
--           the first four weeks, b_0 = 0. sigma^2 = SSE / (n - 4).
--           The calendar index of a week is 1 for a week like any other and less where
--           holidays close it: sum over its days of the series' weekday share x (1 - (1 - r)
--           x the day's holiday share), where the holiday share is the part of the tickets
--           whose schedule (dim_holidays) closes that day, and r is the volume of a holiday
--           against the same weekday around it, observed in the history (1 when it has none).
--           With two years of history before the backtest, the counts are also divided by a
--           yearly seasonal index per ISO week (classical decomposition; see season_index).
--           Weeks are complete ISO weeks in $tz; the first, partial one is left out.
--           The backtest refits at each origin T-26 .. T-1 with the data up to it and
--           forecasts 1..$weeks weeks ahead where the actual is known; the baseline is the
--           seasonal naive forecast (the same ISO week a year before, else the origin's week).
-- Inbound tickets per series, local day and schedule: everything below reads these counts.
with recursive ticket_days as (
    select
        dim1 as series,
        cast(dp_local(created_at, $tz) as date) as day,
        schedule_key,
        count(*) as tickets
    from dp_scope_tickets(
        $as_of, $by1, null,
        $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
    )
    where not is_outbound
    group by all
),

-- The first complete week with data and the week $as_of falls in (not complete: excluded).
bounds as (
    select
        cast(date_trunc('week', min(day) + 6) as date) as first_week,
        cast(date_trunc('week', dp_local(cast($as_of as timestamptz), $tz)) as date) as current_week
    from ticket_days
),

-- Each series, and the total (series null, is_total) when there is a dimension to split by.
series_days as (
    select series, false as is_total, day, sum(tickets) as tickets
    from ticket_days, bounds
    where $by1 is not null and day >= first_week and day < current_week
    group by all
    union all
    select null, true, day, sum(tickets)
    from ticket_days, bounds
    where day >= first_week and day < current_week
    group by all
),

series as (
    select
        row_number() over (order by is_total desc, series) as sid,
        series,
        is_total
    from (select distinct series, is_total from series_days)
),

-- The part of the tickets each day is a holiday for: holidays close a schedule, and a
-- schedule serves the tickets that carry it.
schedule_shares as (
    select schedule_key, sum(tickets) / sum(sum(tickets)) over () as share
    from ticket_days
    where schedule_key is not null
    group by schedule_key
),

holiday_shares as (
    select h.holiday_on as day, least(sum(s.share), 1) as holiday_share
    from (select distinct source, schedule_id, holiday_on from dim_holidays) h
    join schedule_shares s on s.schedule_key = h.source || ':' || h.schedule_id
    group by h.holiday_on
),

-- Every day of the history, with its total volume, for the holiday ratio.
history_days as (
    select
        cast(unnest(generate_series(first_week, current_week - 1, interval 1 day)) as date) as day
    from bounds
    where first_week < current_week
),

total_days as (
    select d.day, coalesce(t.tickets, 0) as tickets, coalesce(h.holiday_share, 0) as holiday_share
    from history_days d
    left join (select day, tickets from series_days where is_total) t using (day)
    left join holiday_shares h using (day)
),

-- r: a day most tickets' schedules close, against the mean of the same weekday one and two
-- weeks before and after it that no schedule closes (summed over those days, so a busy
-- holiday weighs as much as its volume).
holiday_ratio as (
    select coalesce(sum(h.tickets) / nullif(sum(around.expected), 0), 1) as r
    from total_days h,
    lateral (
        select avg(o.tickets) as expected
        from total_days o
        where o.day in (h.day - 14, h.day - 7, h.day + 7, h.day + 14) and o.holiday_share = 0
    ) around
    where h.holiday_share >= 0.5 and around.expected is not null
),

-- Each series' weekday mix: its mean volume on a weekday (1 = Monday) no schedule closes,
-- as a share of the week (the mean, so a weekday with fewer such days in the history weighs
-- the same); a weekday without tickets has share 0, a series without any 1/7 each.
weekday_days as (
    select isodow(day) as dow, count(*) as days
    from total_days
    where holiday_share = 0
    group by all
),

weekday_counts as (
    select sd.series, sd.is_total, isodow(sd.day) as dow, sum(sd.tickets) as tickets
    from series_days sd
    left join holiday_shares h using (day)
    where coalesce(h.holiday_share, 0) = 0
    group by all
),

weekday_shares as (
    select
        sid,
        dow,
        coalesce(mean_tickets / nullif(sum(mean_tickets) over (partition by sid), 0), 1 / 7) as share
    from (
        select s.sid, d.dow, coalesce(c.tickets, 0) / coalesce(wd.days, 1) as mean_tickets
        from series s
        cross join range(1, 8) as d(dow)
        left join weekday_days wd on wd.dow = d.dow
        left join weekday_counts c
            on c.series is not distinct from s.series and c.is_total = s.is_total and c.dow = d.dow
    )
),

-- The history's weeks and the forecast's: t = 1 .. n, then n + 1 .. n + $weeks.
weeks as (
    select
        row_number() over (order by week_start) as t,
        week_start,
        week_start < (select current_week from bounds) as is_history
    from (
        select cast(unnest(generate_series(first_week, current_week + 7 * ($weeks - 1), interval 7 day)) as date) as week_start
        from bounds
        where first_week < current_week
    )
),

-- 1 minus what the week's holidays take: exactly 1 for a week without one.
calendar_index as (
    select
        s.sid,
        w.t,
        1 - (1 - (select r from holiday_ratio)) * sum(ws.share * coalesce(h.holiday_share, 0)) as calendar_index
    from series s
    cross join weeks w
    cross join range(7) as d(offset_days)
    join weekday_shares ws on ws.sid = s.sid and ws.dow = d.offset_days + 1
    left join holiday_shares h on h.day = w.week_start + cast(d.offset_days as integer)
    group by s.sid, w.t
),

observed as (
    select
        s.sid,
        w.t,
        w.week_start,
        coalesce(sum(sd.tickets), 0) as tickets
    from series s
    cross join weeks w
    left join series_days sd
        on sd.series is not distinct from s.series and sd.is_total = s.is_total
        and sd.day >= w.week_start and sd.day < w.week_start + 7
    where w.is_history
    group by all
),

history_length as (
    select max(t) as n from weeks where is_history
),

calendar_adjusted as (
    select o.sid, o.t, o.tickets / c.calendar_index as y
    from observed o
    join calendar_index c using (sid, t)
),

-- Yearly seasonality, by classical decomposition (the same book, 3.4): each week's ratio to
-- the centred 2x52 moving average, averaged per ISO week of the year (week 53 read as 52)
-- and scaled to a mean of 1. Estimated only from the weeks before the backtest's first
-- origin, so the backtest scores forecasts that did not see the weeks they forecast, and
-- only when those span two years (a season seen once is noise as much as season);
-- otherwise every week's index is 1.
season_fit as (
    select n - 26 as fit_end, n - 26 >= 104 as seasonal from history_length
),

week_slots as (
    select t, least(weekofyear(week_start), 52) as slot from weeks
),

season_ratios as (
    select sid, t, y / moving_average as ratio
    from (
        select
            sid, t, y,
            (sum(y) over (partition by sid order by t rows between 25 preceding and 25 following)
                + (lag(y, 26) over (partition by sid order by t) + lead(y, 26) over (partition by sid order by t)) / 2
            ) / 52 as moving_average
        from calendar_adjusted
        where t <= (select fit_end from season_fit)
    )
    where moving_average > 0 and (select seasonal from season_fit)
),

season_index as (
    select sid, slot, raw / avg(raw) over (partition by sid) as seasonal_index
    from (
        select r.sid, w.slot, avg(r.ratio) as raw
        from season_ratios r
        join week_slots w using (t)
        group by all
    )
),

-- What a week's count is divided by before the fit, and its forecast multiplied by.
week_index as (
    select
        c.sid,
        c.t,
        c.calendar_index,
        coalesce(si.seasonal_index, 1) as seasonal_index,
        c.calendar_index * coalesce(si.seasonal_index, 1) as week_index
    from calendar_index c
    join week_slots w using (t)
    left join season_index si on si.sid = c.sid and si.slot = w.slot
),

adjusted as (
    select o.sid, o.t, o.tickets, o.tickets / wi.week_index as y
    from observed o
    join week_index wi using (sid, t)
),

-- The grid: alpha, beta as a share of alpha (so beta <= alpha), phi. Numbered so that of
-- two sets that fit equally well the smoother, trendless, undamped one is chosen.
grid as (
    select row_number() over (order by alpha, beta_share, phi desc) as chain, alpha, alpha * beta_share as beta, phi
    from unnest([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]) as a(alpha),
         unnest([0.0, 0.05, 0.1, 0.2]) as b(beta_share),
         unnest([0.8, 0.9, 0.95, 0.98, 1.0]) as p(phi)
),

initial as (
    select sid, avg(y) as level0
    from adjusted
    where t <= 4
    group by sid
),

-- The filter, one step per week, every series under every parameter set at once.
filtered as (
    select s.sid, g.chain, g.alpha, g.beta, g.phi, 0 as t, i.level0 as level, 0.0::double as trend, null::double as err
    from series s
    join initial i using (sid)
    cross join grid g
    union all
    select
        f.sid, f.chain, f.alpha, f.beta, f.phi, f.t + 1,
        f.level + f.phi * f.trend + f.alpha * (a.y - (f.level + f.phi * f.trend)),
        f.phi * f.trend + f.beta * (a.y - (f.level + f.phi * f.trend)),
        a.y - (f.level + f.phi * f.trend)
    from filtered f
    join adjusted a on a.sid = f.sid and a.t = f.t + 1
),

-- The origins: the end of the history (the forecast) and the 26 weeks before it (the
-- backtest), each fitted on at least 8 weeks.
origins as (
    select n - k as origin, k = 0 as is_final
    from history_length, range(0, 27) as r(k)
    where n - k >= 8
),

-- Each parameter set's sum of squared one-step errors up to each origin.
fits as (
    select
        f.sid, f.chain, o.origin, o.is_final,
        f.alpha, f.beta, f.phi, f.level, f.trend, f.sse
    from (
        select *, sum(coalesce(err * err, 0)) over (partition by sid, chain order by t) as sse
        from filtered
    ) f
    join origins o on f.t = o.origin
),

chosen as (
    select
        sid, origin, is_final,
        arg_min(struct_pack(alpha, beta, phi, level, trend, sse), struct_pack(sse, chain)) as fit
    from fits
    group by sid, origin, is_final
),

horizons as (
    select h from range(1, $weeks + 1) as r(h)
),

-- The forecast from each origin, h = 1 .. $weeks ahead, on the adjusted scale.
projected as (
    select
        c.sid, c.origin, c.is_final, h.h, c.origin + h.h as t,
        c.fit.alpha as alpha, c.fit.beta as beta, c.fit.phi as phi,
        c.fit.level + (
            case when c.fit.phi = 1 then h.h else c.fit.phi * (1 - pow(c.fit.phi, h.h)) / (1 - c.fit.phi) end
        ) * c.fit.trend as point,
        c.fit.sse / greatest(c.origin - 4, 1) as sigma2,
        -- sum over j < h of (alpha + beta (phi + ... + phi^j))^2
        coalesce(list_sum(list_transform(
            range(1, h.h),
            j -> pow(c.fit.alpha + c.fit.beta * (
                case when c.fit.phi = 1 then j else c.fit.phi * (1 - pow(c.fit.phi, j)) / (1 - c.fit.phi) end
            ), 2)
        )), 0) as spread
    from chosen c
    cross join horizons h
),

scaled as (
    select
        p.*,
        wi.calendar_index,
        wi.seasonal_index,
        p.point * wi.week_index as forecast,
        sqrt(p.sigma2 * (1 + p.spread)) * wi.week_index as sd
    from projected p
    join week_index wi on wi.sid = p.sid and wi.t = p.t
),

backtest as (
    select
        s.sid,
        count(*) as pairs,
        avg(abs(a.tickets - s.forecast) / a.tickets) filter (where a.tickets > 0) as mape,
        avg(case when a.tickets between s.forecast - 1.2815515655446004 * s.sd and s.forecast + 1.2815515655446004 * s.sd then 1 else 0 end) as coverage_80,
        avg(case when a.tickets between s.forecast - 1.959963984540054 * s.sd and s.forecast + 1.959963984540054 * s.sd then 1 else 0 end) as coverage_95,
        avg(abs(a.tickets - coalesce(last_year.tickets, at_origin.tickets)) / a.tickets) filter (where a.tickets > 0) as baseline_mape
    from scaled s
    join adjusted a on a.sid = s.sid and a.t = s.t
    join adjusted at_origin on at_origin.sid = s.sid and at_origin.t = s.origin
    left join adjusted last_year on last_year.sid = s.sid and last_year.t = s.t - 52
    where not s.is_final
    group by s.sid
)

select
    'history' as kind, s.series, s.is_total, w.week_start, strftime(w.week_start, '%G-W%V') as week,
    o.tickets::double as tickets, null::double as forecast,
    null::double as lo_80, null::double as hi_80, null::double as lo_95, null::double as hi_95,
    c.calendar_index, c.seasonal_index, null::integer as horizon,
    null::double as mape, null::double as coverage_80, null::double as coverage_95, null::double as baseline_mape, null::integer as pairs,
    null::double as alpha, null::double as beta, null::double as phi, null::double as sigma
from observed o
join series s using (sid)
join weeks w using (t)
join week_index c using (sid, t)

union all

select
    'forecast', se.series, se.is_total, w.week_start, strftime(w.week_start, '%G-W%V'),
    null, greatest(sc.forecast, 0),
    greatest(sc.forecast - 1.2815515655446004 * sc.sd, 0), sc.forecast + 1.2815515655446004 * sc.sd,
    greatest(sc.forecast - 1.959963984540054 * sc.sd, 0), sc.forecast + 1.959963984540054 * sc.sd,
    sc.calendar_index, sc.seasonal_index, sc.h,
    null, null, null, null, null,
    sc.alpha, sc.beta, sc.phi, sqrt(sc.sigma2)
from scaled sc
join series se using (sid)
join weeks w using (t)
where sc.is_final

union all

select
    'accuracy', se.series, se.is_total, null, null,
    null, null, null, null, null, null, null, null, null,
    b.mape, b.coverage_80, b.coverage_95, b.baseline_mape, b.pairs::integer,
    null, null, null, null
from backtest b
join series se using (sid)

order by kind, is_total desc, series, week_start
