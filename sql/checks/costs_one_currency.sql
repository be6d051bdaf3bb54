-- Cost rows are summed as imported, never converted (docs/metrics.md): a source whose cost
-- rows name more than one currency adds euros to dollars in every cost metric. One row per
-- such source, with the currencies it mixes.
with currencies as (
    select
        source,
        list(distinct currency order by currency) as currencies
    from fct_costs
    where currency is not null
    group by source
),

final as (
    select
        source,
        array_to_string(currencies, ', ') as currencies
    from currencies
    where len(currencies) > 1
)

select * from final
