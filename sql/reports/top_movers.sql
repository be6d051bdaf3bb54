-- report:   top movers: categories and tags whose weekly volume rose significantly against
--           their trailing 8-week level (the test: sql/scopes/dp_category_trends.sql)
-- grain:    one row per (kind, value) that moved
-- params:   $week_start, $week_end (local dates in $tz: the review week, end exclusive), $tz,
--           $as_of, $f_* filters, $limit
select *
from dp_category_trends(
    $as_of, $tz, $week_start, $week_end,
    $f_segment, $f_plan, $f_channel, $f_priority, $f_category, $f_group, $f_tier, $f_org, $f_assignee, $f_source, $f_tag
)
where significant
order by z_score desc, kind, value
limit $limit
