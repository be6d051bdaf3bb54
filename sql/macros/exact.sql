-- Sums and means that come out the same on every run. DuckDB adds doubles in parallel, in an
-- order that varies between runs, so a plain sum or avg of doubles can differ in its last
-- bits from one query to the next, and the page, the API and the CLI must show identical
-- numbers. These add in DECIMAL, which is exact (to 1e-10 of a unit: of a minute, of a
-- currency unit), and hand back a double. quantile_cont sorts, so it needs no such care.
create or replace macro dp_sum(x) as
    sum(cast(x as decimal(38, 10)))::double;

create or replace macro dp_mean(x) as
    (sum(cast(x as decimal(38, 10))) / count(x))::double;
