-- Erasure (privacy/erase.ts): a sent message keeps its words for retries and the history;
-- those naming an erased org (a churn signal in a review, a flag alert) have the name
-- replaced. $needle is the name as the stored JSON holds it (plain, or HTML-escaped).
update delivery_messages
set body = replace(body, $needle, '[erased org]'),
    subject = replace(subject, $needle, '[erased org]')
where contains(body, $needle) or contains(subject, $needle)
