-- report:   the currencies the imported cost rows name: the pages write money in the one
--           currency the costs are in (src/lib/server/metrics/currency.ts). Amounts are never
--           converted (docs/metrics.md).
-- grain:    one row per currency (null: rows that name none), most rows first
-- params:   none
select
    currency,
    count(*)::integer as cost_rows
from fct_costs
group by currency
order by cost_rows desc, currency nulls last
