insert into pilots (name, starts_at, ends_at, treated, control, metric, min_effect, csat_tolerance, created_at, created_by)
values (
    $name, cast($starts_at as timestamptz), cast($ends_at as timestamptz), $treated, $control,
    $metric, $min_effect, $csat_tolerance, cast($created_at as timestamptz), $created_by
)
returning *
