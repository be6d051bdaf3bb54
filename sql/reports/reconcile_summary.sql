-- report:   reconcile, per metric and flavour: how many tickets deskpulse and the vendor
--           agree on (within $tolerance_minutes), the median difference, the reasons
-- grain:    one row per source x metric x flavour
-- params:   $source (a source label, or null for all), $tolerance_minutes
with pairs as (
    select *
    from dp_reconcile_pairs($source, $tolerance_minutes)
),

final as (
    select
        source,
        metric,
        flavour,
        count(*)::integer as tickets_compared,
        count(*) filter (where is_agreeing)::integer as tickets_agreeing,
        (count(*) filter (where is_agreeing) / count(*))::double as agree_rate,
        -- deskpulse minus vendor; positive: deskpulse measures longer
        quantile_cont(difference_minutes, 0.5)::double as median_difference_min,
        count(*) filter (where likely_reason = 'schedule')::integer as disagreeing_schedule,
        count(*) filter (where likely_reason = 'bot reply')::integer as disagreeing_bot_reply,
        count(*) filter (where likely_reason = 'reopen')::integer as disagreeing_reopen,
        count(*) filter (where likely_reason in ('as_of', 'targets', 'unexplained'))::integer as disagreeing_other
    from pairs
    group by all
)

select *
from final
order by source, metric, flavour
