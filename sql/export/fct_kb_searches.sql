-- export:       the help-centre searches (dp_scope_searches, dp_kb_query_groups), one Parquet
--               file per source and month of the search.
-- partition_by: source, month
select
    *,
    strftime(searched_at, '%Y-%m') as month
from fct_kb_searches
