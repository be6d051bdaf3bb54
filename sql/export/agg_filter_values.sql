-- export:       the filter bar's values with their first ticket's creation time
--               (sql/reports/dimension_values.sql). Small: one unpartitioned file.
select
    *
from agg_filter_values
