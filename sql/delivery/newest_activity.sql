-- The newest ticket created or solved at or before as_of: the week alert rules judge is the
-- one it falls in (the week the latest import reaches, or the current one).
select max(greatest(created_at, case when solved_at <= cast($as_of as timestamptz) then solved_at else created_at end)) as newest
from fct_tickets
where created_at <= cast($as_of as timestamptz)
