-- How much of fct_tickets an import rewrites, and whether its tickets reach outside the
-- business calendar (which spans the data's days, with margins): past a share or outside
-- the calendar the refresh rebuilds everything instead (model-refresh.ts).
select
    (select count(*) from refresh_tickets)::integer as changed,
    (select count(*) from fct_tickets)::integer as total,
    coalesce(
        (select min(created_at)
         from stg_generic_tickets
         where (source, ticket_id) in (select source, ticket_id from refresh_tickets))
            < (select min(local_day) from business_calendar) + 2,
        false
    ) as before_calendar,
    coalesce(
        (select max(greatest(created_at, coalesce(final_solved_at, created_at), coalesce(closed_at, created_at)))
         from stg_generic_tickets
         where (source, ticket_id) in (select source, ticket_id from refresh_tickets))
            > (select max(opens_at) from business_calendar) - interval 30 day,
        false
    ) as after_calendar
