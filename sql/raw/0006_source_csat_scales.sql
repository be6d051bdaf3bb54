-- The numeric scale each source's CSAT answers are read on (1-5 or 0-10), declared once and
-- never inferred again from one value: by --csat-scale, else by the source's first import
-- from all of that import's answers. A later answer outside it is rejected; a change takes an
-- explicit --csat-scale and is reported. good/bad answers are their own scale.
create table if not exists source_csat_scales (
    source          varchar primary key,
    scale           varchar not null,      -- 1-5 | 0-10
    decided_by      varchar not null,      -- '--csat-scale' | 'first import'
    decided_at      timestamptz not null
);
