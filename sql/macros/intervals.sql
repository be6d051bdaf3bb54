-- Confidence intervals for proportions, for the pilots' rates (sql/reports/pilot.sql).
-- Wilson's score interval (Wilson 1927): x successes out of n at normal quantile z. It stays
-- inside [0, 1] and keeps its coverage for small n and rates near 0 or 1, where the plain
-- p +/- z * se does not. Null for n = 0.
create or replace macro dp_wilson_lo(x, n, z) as
    case when n > 0 then
        (x / n + z * z / (2 * n) - z * sqrt(x / n * (1 - x / n) / n + z * z / (4 * n * n)))
            / (1 + z * z / n)
    end;

create or replace macro dp_wilson_hi(x, n, z) as
    case when n > 0 then
        (x / n + z * z / (2 * n) + z * sqrt(x / n * (1 - x / n) / n + z * z / (4 * n * n)))
            / (1 + z * z / n)
    end;

-- A difference-in-differences of four independent proportions, (a1 - a0) - (c1 - c0), with
-- its interval by the MOVER method (Zou & Donner 2008): each proportion's own Wilson limits
-- recovered into the sum's. For two proportions it is Newcombe's hybrid score interval
-- (Newcombe 1998, method 10); for four it extends it term by term. The argument is a struct
-- list of {p, lo, hi, sign} per cell; the result is {est, lo, hi}.
create or replace macro dp_mover(cells) as
    {
        'est': list_sum(list_transform(cells, c -> c.sign * c.p)),
        'lo': list_sum(list_transform(cells, c -> c.sign * c.p))
            - sqrt(list_sum(list_transform(cells, c ->
                pow(c.sign * c.p - least(c.sign * c.lo, c.sign * c.hi), 2)))),
        'hi': list_sum(list_transform(cells, c -> c.sign * c.p))
            + sqrt(list_sum(list_transform(cells, c ->
                pow(greatest(c.sign * c.lo, c.sign * c.hi) - c.sign * c.p, 2))))
    };

-- The relative difference-in-differences of four rates on the log scale, each given as its
-- numerator and denominator: ln(a1 / d_a1) - ln(a0 / d_a0) - ln(c1 / d_c1) + ln(c0 / d_c0).
-- exp() of it, minus 1, is (treated after / before) / (control after / before) - 1. A
-- numerator of 0 (a bootstrap replicate that drew only empty weeks) counts as half a ticket,
-- so the replicate stays in the distribution as the extreme it is instead of failing on
-- ln(0); null when a denominator is 0.
create or replace macro dp_log_did(a1, d_a1, a0, d_a0, c1, d_c1, c0, d_c0) as
    case when d_a1 > 0 and d_a0 > 0 and d_c1 > 0 and d_c0 > 0 then
        ln(greatest(a1, 0.5) / d_a1) - ln(greatest(a0, 0.5) / d_a0)
            - ln(greatest(c1, 0.5) / d_c1) + ln(greatest(c0, 0.5) / d_c0)
    end;
