-- A person id as reports show it when DESKPULSE_REDACT hides names or email addresses
-- (src/lib/server/privacy/redact.ts gives the same pseudonym): `agent-` and the first 8 hex
-- digits of the SHA-256 of `source:id`. Every connection sets the variables dp_redact_name
-- and dp_redact_email from the setting (db/database.ts); unset, ids show as they are. The
-- scope macros apply it before grouping and filtering, so a pseudonym groups and filters as
-- the id would (KPIs by assignee, `where=assignee=agent-...`).
create or replace macro dp_shown_person(kind, source, id) as
    case
        when id is null then null
        when coalesce(getvariable('dp_redact_name'), false)
            or (
                coalesce(getvariable('dp_redact_email'), false)
                and regexp_matches(id, '^\s*[A-Za-z0-9._%+''-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\s*$')
            )
            then kind || '-' || left(sha256(coalesce(source, '') || ':' || id), 8)
        else id
    end;
