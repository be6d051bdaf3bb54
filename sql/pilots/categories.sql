-- The ticket categories a pilot's form offers (most tickets first).
select category, count(*) as tickets
from fct_tickets
where category is not null and not is_outbound
group by category
order by tickets desc, category
limit 200
