-- Near-duplicate search queries (KB gaps, docs/metrics.md "Self-service and knowledge base"):
-- "reset password", "Password reset", "reseting my password?" and "Reset  password!" are one
-- question, so the KB gap table ranks them as one group. These macros compute a query's
-- token-set key from its `query_normalized` (lower-cased, trimmed, whitespace collapsed);
-- sql/scopes/dp_kb_query_groups.sql merges keys one typo apart. Both run once per distinct
-- query, never per search: a report joins the key back to its searches by query_normalized.

-- The words a query's meaning does not rest on: articles, pronouns, prepositions,
-- conjunctions and question words. Negations ("not", "cant") are kept: they change what
-- was asked.
create or replace macro dp_kb_stop_words() as
    [
        'a', 'an', 'the', 'my', 'our', 'your', 'their', 'i', 'me', 'we', 'you', 'it', 'its',
        'this', 'that', 'these', 'those', 'to', 'for', 'of', 'in', 'on', 'at', 'by', 'with',
        'from', 'into', 'and', 'or', 'is', 'are', 'was', 'be', 'am', 'do', 'does', 'can',
        'how', 'what', 'why', 'where', 'when', 'which', 'who'
    ];

-- One word reduced to a stem, in three steps (a word of 3 letters or fewer is kept as is):
-- 1. a suffix goes, the first that applies, and then once more on what is left ("settings"
--    -> "setting" -> "sett", as "setting" -> "sett"): "ies" -> "y" (5+ letters: "queries" -> "query"),
--    "ing" (6+ letters: "resetting" -> "resett"), "ed" (5+: "invited" -> "invit"), "es"
--    (5+: "invites" -> "invit"), "s" unless the word ends in "ss", "us" or "is" ("keys" ->
--    "key", but "access", "status", "analysis" stay);
-- 2. a final "e" goes when 4+ letters remain ("invite" -> "invit");
-- 3. a final doubled consonant is written once ("resett" -> "reset", "bill" -> "bil").
-- So "reset", "resets", "reseting" and "resetting" all read "reset". Not a full stemmer
-- (irregular forms such as "ran"/"run" stay apart), but the same word always gets the same
-- stem, which is all a grouping key needs.
create or replace macro dp_kb_stem_suffix(word) as
    case
        when length(word) <= 3 then word
        when length(word) >= 5 and suffix(word, 'ies') then word[:-4] || 'y'
        when length(word) >= 6 and suffix(word, 'ing') then word[:-4]
        when length(word) >= 5 and suffix(word, 'ed') then word[:-3]
        when length(word) >= 5 and suffix(word, 'es') then word[:-3]
        when suffix(word, 's') and not (suffix(word, 'ss') or suffix(word, 'us') or suffix(word, 'is')) then word[:-2]
        else word
    end;

create or replace macro dp_kb_stem_e(word) as
    case when length(word) >= 5 and suffix(word, 'e') then word[:-2] else word end;

-- (A pattern with a back-reference would say "doubled", but DuckDB's regular expressions
-- have none: the last two letters are compared instead.)
create or replace macro dp_kb_stem_undouble(word) as
    case
        when length(word) >= 4 and word[-1] = word[-2] and regexp_matches(word[-1], '[b-df-hj-np-tv-z]') then word[:-2]
        else word
    end;

-- Each step is its own list_transform over the words: a macro is expanded wherever its
-- argument appears, so nesting the steps in one expression would multiply its size (and the
-- planning time) by the references of each step.
create or replace macro dp_kb_stem_words(words) as
    list_transform(
        list_transform(
            list_transform(
                list_transform(words, word -> dp_kb_stem_suffix(word)),
                word -> dp_kb_stem_suffix(word)
            ),
            word -> dp_kb_stem_e(word)
        ),
        word -> dp_kb_stem_undouble(word)
    );

-- A query's token set: apostrophes dropped ("can't" -> "cant"), every other run of
-- characters that are not letters or digits made a word break ("password?" -> "password",
-- "e-mail" -> "e mail"), stop words left out, each word stemmed, then each stem once, in
-- alphabetical order. Empty when the query is nothing but stop words and punctuation.
create or replace macro dp_kb_query_tokens(query_normalized) as
    list_sort(list_distinct(dp_kb_stem_words(
        list_filter(
            string_split(trim(regexp_replace(regexp_replace(query_normalized, '[''’]', '', 'g'), '[^\p{L}\p{N}]+', ' ', 'g')), ' '),
            word -> word <> '' and not list_contains(dp_kb_stop_words(), word)
        )
    )));

-- The token-set key: the tokens joined by one space ("password reset" for all four queries
-- above). A query with no token left keys on itself, so "how to" is its own group.
create or replace macro dp_kb_query_key(query_normalized) as
    coalesce(nullif(array_to_string(dp_kb_query_tokens(query_normalized), ' '), ''), query_normalized);
