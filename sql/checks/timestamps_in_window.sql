-- No ticket event lies outside 1990 to a year from now (dp_plausible_ts): the import rejects
-- or empties such values, and a business calendar must never be built out to reach one.
select
    source,
    ticket_id,
    created_at,
    first_response_at,
    solved_at,
    final_solved_at,
    closed_at
from fct_tickets
where (created_at is not null and dp_plausible_ts(created_at) is null)
    or (first_ack_at is not null and dp_plausible_ts(first_ack_at) is null)
    or (first_response_at is not null and dp_plausible_ts(first_response_at) is null)
    or (solved_at is not null and dp_plausible_ts(solved_at) is null)
    or (final_solved_at is not null and dp_plausible_ts(final_solved_at) is null)
    or (closed_at is not null and dp_plausible_ts(closed_at) is null)
    or (csat_at is not null and dp_plausible_ts(csat_at) is null)
