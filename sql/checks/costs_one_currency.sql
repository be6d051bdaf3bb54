-- Cost rows are summed as imported, never converted (docs/metrics.md): cost rows in more
-- than one currency, in one source or across sources (reports add the sources up), add euros
-- to dollars in every cost metric. When the database holds several currencies, one row per
-- source with the currencies it holds.
with currencies as (
    select
        source,
        list(distinct currency order by currency) as currencies
    from fct_costs
    where currency is not null
    group by source
),

everywhere as (
    select count(distinct currency) as currency_count
    from fct_costs
    where currency is not null
),

final as (
    select
        currencies.source,
        array_to_string(currencies.currencies, ', ') as currencies
    from currencies, everywhere
    where everywhere.currency_count > 1
)

select * from final
order by source
