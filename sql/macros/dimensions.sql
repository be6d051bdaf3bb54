-- Grouping and filtering by a dimension chosen at query time, with the choice a bound
-- parameter rather than SQL text: `dp_dim($by1, ...)` is the value of the dimension named by
-- $by1 (null when $by1 is null, so an unused grouping slot is one constant group), and
-- `dp_match($f_plan, plan)` keeps a row when the filter is unset or lists its value
-- (comma-separated for several). The allowed names are checked in src/lib/filters.ts.
create or replace macro dp_dim(name, segment, plan, channel, priority, category, group_name, tier, org_id, assignee_id, source) as
    case name
        when 'segment' then segment
        when 'plan' then plan
        when 'channel' then channel
        when 'priority' then priority
        when 'category' then category
        when 'group' then group_name
        when 'tier' then tier
        when 'org' then org_id
        when 'assignee' then assignee_id
        when 'source' then source
    end;

-- `wanted` is the filter's values as a JSON list (bound by metrics/kpis.ts), so a value may
-- hold a comma.
create or replace macro dp_match(wanted, value) as
    wanted is null or list_contains(from_json(wanted, '["varchar"]'), value);

-- The columns a metric report returns: `select ..., columns(c -> dp_metric_wanted($metrics, c))`
-- keeps each metric named in $metrics (comma-separated) with its companions (`__n`,
-- `__estimated`, and the `__<basis>` figures a metric's value rests on). DuckDB drops the
-- aggregates nobody selects, so a page that asks for 3 of a family's 18 metrics does not
-- pay for the other 15 (the SLA rates alone run in about half the time of the whole
-- ticket-creation family). Null $metrics keeps them all.
create or replace macro dp_metric_wanted(metrics, col) as
    metrics is null or list_contains(string_split(metrics, ','), regexp_replace(col, '__[a-z_]+$', ''));
