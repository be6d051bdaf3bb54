-- export:       the self-service sessions (dp_scope_sessions, metrics/self_service.sql), one
--               Parquet file per source and month the session started.
-- partition_by: source, month
select
    *,
    strftime(started_at, '%Y-%m') as month
from fct_self_service
