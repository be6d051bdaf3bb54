-- The catalog's default SLA targets (docs/metrics.md, "SLA"; from the domain's SLA tier and
-- priority tables), in business minutes of the schedule the plan names. A null plan or
-- priority matches every plan or priority; a ticket takes the strictest matching target.
-- Used for a source that imports no sla_policies.csv.
select * from (values
    -- plan targets: first response, resolution, support hours
    ('free',       null, 2880, null, 'business'),
    ('standard',   null,  480, 2880, 'business'),
    ('premium',    null,  240, 1440, 'extended'),
    ('enterprise', null,   60,  480, '24x7'),
    -- critical issue response (P0/P1) by plan; free has none
    ('standard',   'P0',  240, null, null),
    ('standard',   'P1',  240, null, null),
    ('premium',    'P0',   60, null, null),
    ('premium',    'P1',   60, null, null),
    ('enterprise', 'P0',   15, null, null),
    ('enterprise', 'P1',   15, null, null),
    -- priority matrix, every plan: P3 resolution is 5 business days of 8 hours
    (null,         'P0',   15,  240, null),
    (null,         'P1',   60,  480, null),
    (null,         'P2',  240, 2880, null),
    (null,         'P3',  480, 2400, null),
    (null,         'P4', 1440, null, null)
) as t(plan, priority, frt_target_minutes, resolution_target_minutes, schedule_id)
