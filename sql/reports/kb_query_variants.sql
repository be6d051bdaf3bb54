-- report:   the variants of one KB query group: the normalized queries it holds
-- grain:    one row per normalized query (`query_normalized`) of the group
-- params:   $from, $to (local dates in $tz, to exclusive: the KB gap table's window), $tz,
--           $as_of, $key (the group's key, kb_gaps.group_key), $f_segment, $f_plan, $f_org,
--           $f_source
-- Counts are the table's, per variant: searches, failed (zero results or no click),
-- zero-result, clicked, and followed by a ticket within 24 h (sql/reports/kb_gaps.sql). The
-- first row (most searches, then alphabetical) is the group's representative query.
with searches as (
    select *
    from dp_kb_query_searches($as_of, $tz, $from, $to, $key, $f_segment, $f_plan, $f_org, $f_source)
),

final as (
    select
        query_normalized as query,
        count(*)::integer as searches,
        count(*) filter (where is_failed)::integer as failed_searches,
        count(*) filter (where is_zero_result)::integer as zero_result_searches,
        count(*) filter (where is_clicked)::integer as clicked_searches,
        count(*) filter (where has_ticket_after)::integer as tickets_after
    from searches
    group by all
)

select *
from final
order by searches desc, query asc
