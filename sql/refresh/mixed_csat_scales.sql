-- Sources whose rated tickets are read on more than one numeric CSAT scale (1-5 and 0-10):
-- a rebuilt ticket moved its source's scale, which every rated ticket of the source is read
-- on, so the refresh rebuilds everything instead (model-refresh.ts).
select count(*)::integer as mixed
from (
    select source
    from fct_tickets
    where csat_scale in ('1-5', '0-10')
    group by source
    having count(distinct csat_scale) > 1
)
