-- Tail probabilities of counts, for the anomaly tests (sql/reports/anomalies.sql). A count
-- of tickets in a window is modelled as negative binomial with mean `mu` and size `size`
-- (variance mu + mu^2 / size: the extra spread real weeks have over a Poisson
-- process), or Poisson when `size` is null. The probability of each count comes from its log
-- (lgamma), so large counts neither overflow nor lose precision; the tails are sums of those
-- probabilities, the upper one summed from x upwards (not 1 minus the lower one, which
-- would round a p of 1e-20 to 0).
create or replace macro dp_count_log_pmf(k, mu, size) as
    case
        when size is null then k * ln(mu) - mu - lgamma(k + 1)
        else lgamma(k + size) - lgamma(size) - lgamma(k + 1)
            + size * ln(size / (size + mu)) + k * ln(mu / (size + mu))
    end;

-- P(X <= x).
create or replace macro dp_count_lower_tail(x, mu, size) as
    least(1.0, list_sum(list_transform(
        range(0, cast(x as bigint) + 1),
        k -> exp(dp_count_log_pmf(k, mu, size))
    )));

-- P(X >= x): the terms from x up to 12 standard deviations past the larger of x and the
-- mean, and 50 more, past which they no longer move the sum.
create or replace macro dp_count_upper_tail(x, mu, size) as
    case when x <= 0 then 1.0 else least(1.0, list_sum(list_transform(
        range(
            cast(x as bigint),
            cast(greatest(x, mu) + 12 * sqrt(mu + coalesce(mu * mu / size, 0)) + 50 as bigint)
        ),
        k -> exp(dp_count_log_pmf(k, mu, size))
    ))) end;

-- Binomial tails, for rates (successes x of n trials at probability p), from the same
-- log-probabilities: P(X <= x) and P(X >= x). p of 0 or 1 puts every trial on one side.
create or replace macro dp_binomial_log_pmf(k, n, p) as
    lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * ln(p) + (n - k) * ln(1 - p);

create or replace macro dp_binomial_lower_tail(x, n, p) as
    case
        when x >= n or p <= 0 then 1.0
        when p >= 1 then 0.0
        else least(1.0, list_sum(list_transform(range(0, cast(x as bigint) + 1), k -> exp(dp_binomial_log_pmf(k, n, p)))))
    end;

create or replace macro dp_binomial_upper_tail(x, n, p) as
    case
        when x <= 0 or p >= 1 then 1.0
        when p <= 0 then 0.0
        else least(1.0, list_sum(list_transform(range(cast(x as bigint), cast(n as bigint) + 1), k -> exp(dp_binomial_log_pmf(k, n, p)))))
    end;
