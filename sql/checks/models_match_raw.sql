-- Every source's raw rows reach its models, one for one: a model behind its raw table (a
-- refresh that never ran) leaves accepted rows out of every report.
with raw as (
    select 'tickets' as entity, source, count(*) as raw_rows from raw_generic_tickets group by all
    union all
    select 'self_service', source, count(*) from raw_generic_self_service group by all
    union all
    select 'kb_searches', source, count(*) from raw_generic_kb_searches group by all
),

model as (
    select 'tickets' as entity, source, count(*) as model_rows from fct_tickets group by all
    union all
    select 'self_service', source, count(*) from fct_self_service group by all
    union all
    select 'kb_searches', source, count(*) from fct_kb_searches group by all
),

final as (
    select
        coalesce(raw.entity, model.entity) as entity,
        coalesce(raw.source, model.source) as source,
        coalesce(raw.raw_rows, 0)::integer as raw_rows,
        coalesce(model.model_rows, 0)::integer as model_rows
    from raw
    full join model
        on model.entity = raw.entity
        and model.source = raw.source
    where coalesce(raw.raw_rows, 0) <> coalesce(model.model_rows, 0)
)

select * from final
