-- export:       the vendor's own durations. No metric reads them, but dp_reconcile_pairs (a
--               scope installed with the others) does, and the reconcile report. They carry
--               no time of their own, so one Parquet file per source only.
-- partition_by: source
select
    *
from stg_vendor_metrics
