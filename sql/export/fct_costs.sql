-- export:       the support cost periods metrics/unit_economics.sql prorates, one Parquet file
--               per source and month the cost period starts in. A view over raw_generic_costs
--               at home; exported as its rows, so the reader needs no staging layer.
-- partition_by: source, month
select
    *,
    strftime(period_start_on, '%Y-%m') as month
from fct_costs
