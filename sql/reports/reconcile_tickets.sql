-- report:   reconcile: the tickets on which deskpulse and the vendor disagree, with both
--           values and the likely reason, the largest differences first
-- grain:    one row per ticket x metric x flavour
-- params:   $source, $tolerance_minutes, $metric (or null), $flavour (or null), $limit
select
    source,
    ticket_id,
    metric,
    flavour,
    deskpulse_minutes,
    vendor_minutes,
    difference_minutes,
    deskpulse_outcome,
    vendor_outcome,
    likely_reason
from dp_reconcile_pairs($source, $tolerance_minutes)
where not is_agreeing
    and ($metric is null or metric = $metric)
    and ($flavour is null or flavour = $flavour)
order by metric, flavour, abs(difference_minutes) desc nulls last, source, ticket_id
limit $limit
