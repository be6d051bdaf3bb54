-- report:   category trends: every category and tag with its count in one week against its
--           trailing 8-week level, significant rises flagged (sql/scopes/dp_category_trends.sql)
-- grain:    one row per (kind, value) seen in the week or the 8 weeks before it
-- params:   $week_start, $week_end (local dates in $tz: the chosen week, end exclusive), $tz,
--           $as_of, $f_* filters
select *
from dp_category_trends(
    $as_of, $tz, $week_start, $week_end,
    $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
)
order by rise desc, z_score desc, kind, value
