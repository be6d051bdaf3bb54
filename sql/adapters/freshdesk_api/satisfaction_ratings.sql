-- adapter:  freshdesk-api, the satisfaction ratings beside the tickets
--           (GET /api/v2/surveys/satisfaction_ratings; docs: shared vendor-formats 1.4)
-- reads:    _fd_ratings (record_no, j: one rating as JSON; empty without a ratings file)
-- writes:   one row per rated ticket: its latest answer to the survey's default question
-- Ratings are a separate endpoint, so a ticket can have several (a survey answered again);
-- the latest one counts, as Freshdesk's own reports show the latest. Answers to other
-- questions (question_2, ...) are not CSAT and are left out; so is a rating without one.
with source as (
    select
        record_no,
        json_extract_string(j, '$.ticket_id') as ticket_id,
        json_extract_string(j, '$.ratings.default_question') as rating,
        json_extract_string(j, '$.created_at') as created_at
    from _fd_ratings
),

final as (
    select
        ticket_id,
        rating,
        try_cast(created_at as timestamptz) as rated_at
    from source
    where ticket_id is not null
        and try_cast(rating as integer) is not null
    qualify row_number() over (
        partition by ticket_id
        order by try_cast(created_at as timestamptz) desc nulls last, record_no desc
    ) = 1
)

select * from final
