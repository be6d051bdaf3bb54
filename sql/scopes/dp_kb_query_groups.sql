-- The query groups of the KB gap table: one row per distinct `query_normalized` searched
-- before `as_of` in the report's window, the local days [from_on, to_on) of zone `tz`, or in
-- the equally long window just before it (which the week-over-week change compares with),
-- with its token-set key (sql/macros/kb_queries.sql) and its `group_key`.
-- Typo merge: two keys are one typo apart when they have the same number of tokens, all but
-- one token equal, and the two differing tokens one edit apart (Levenshtein distance 1: a
-- letter added, dropped or replaced), the longer of them at least 5 letters long ("pasword
-- reset" and "password reset"; not "csv export" and "tsv export"). A key's group_key is the
-- alphabetically first of itself and the keys one typo from it. One hop only: a key two
-- typos from another is merged only through a key between them that is itself merged, never
-- by chaining; the result is the same on every run.
-- Every search of the window counts, whatever the report's filters: a query belongs to the
-- same group in every segment and plan, and on its own page (/self-service/query), which
-- passes the same window.
-- Cost: the keys are computed once per distinct query; candidate pairs are found by hash
-- joins on (the other tokens, the first two or the last two letters of the differing token),
-- which a one-letter edit of a 5-letter word always leaves one of intact, so no pair of
-- queries is compared unless it can be a typo.
create or replace macro dp_kb_query_groups(as_of, tz, from_on, to_on) as table
    with queries as (
        select distinct query_normalized
        from fct_kb_searches
        where searched_at < cast(as_of as timestamptz)
            and dp_local_in_range(
                searched_at, tz,
                cast(from_on as date) - cast(cast(to_on as date) - cast(from_on as date) as integer),
                cast(to_on as date)
            )
    ),

    keyed as (
        select
            query_normalized,
            dp_kb_query_tokens(query_normalized) as tokens,
            dp_kb_query_key(query_normalized) as token_key
        from queries
    ),

    token_keys as (
        select distinct
            token_key,
            tokens
        from keyed
        where len(tokens) > 0
    ),

    -- Each key once per token: the token, and the key's other tokens.
    token_slots as (
        select
            token_key,
            tokens[slot] as token,
            array_to_string(list_concat(tokens[:slot - 1], tokens[slot + 1:]), ' ') as other_tokens
        from (select token_key, tokens, unnest(range(1, len(tokens) + 1)) as slot from token_keys)
    ),

    -- Two keys one typo apart share every other token and, in the differing one, its first two
    -- or its last two letters. The two blocking rules are two equi-joins under a union: one
    -- join on "prefix or suffix" would compare every pair of tokens.
    candidates as (
        select
            this.token_key,
            this.token,
            neighbour.token_key as neighbour_key,
            neighbour.token as neighbour_token
        from token_slots as this
        join token_slots as neighbour
            on neighbour.other_tokens = this.other_tokens
            and left(neighbour.token, 2) = left(this.token, 2)
        union
        select
            this.token_key,
            this.token,
            neighbour.token_key as neighbour_key,
            neighbour.token as neighbour_token
        from token_slots as this
        join token_slots as neighbour
            on neighbour.other_tokens = this.other_tokens
            and right(neighbour.token, 2) = right(this.token, 2)
    ),

    merged as (
        select
            token_key,
            min(neighbour_key) as neighbour_key
        from candidates
        where neighbour_key < token_key
            and greatest(length(token), length(neighbour_token)) >= 5
            and levenshtein(token, neighbour_token) = 1
        group by all
    ),

    final as (
        select
            keyed.query_normalized,
            keyed.token_key,
            coalesce(merged.neighbour_key, keyed.token_key) as group_key
        from keyed
        left join merged
            on merged.token_key = keyed.token_key
    )

    select * from final;
