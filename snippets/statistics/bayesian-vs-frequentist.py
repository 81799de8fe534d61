"""Bayesian against frequentist inference for a conversion rate (beta-binomial model).

1. Conjugacy: a Beta prior and binomial data give a Beta posterior, checked on a grid.
2. 7 conversions out of 20: credible intervals under three priors against two confidence
   intervals.
3. The prior's pull shrinks as data grow, and flat-prior answers meet frequentist ones.
4. What each 95 % promises: credible intervals cover 95 % on average over the prior; confidence
   intervals cover at least about 95 % at every fixed rate; an informative prior that is wrong
   for this rate drops well below.
5. An A/B test: P(B worse than A | data) against the one-sided p-value.
"""

# %%
# 1. Prior Beta(2, 8) (rates near 20 % expected), data 7 of 20. Bayes' rule on a grid
# (prior x likelihood, normalised numerically) against the conjugate formula Beta(a + k, b + n - k).
import os
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
a0, b0, k, n = 2, 8, 7, 20
grid = np.linspace(0, 1, 20_001)
unnorm = stats.beta.pdf(grid, a0, b0) * stats.binom.pmf(k, n, grid)
post_grid = unnorm / np.trapezoid(unnorm, grid)
post_conj = stats.beta.pdf(grid, a0 + k, b0 + n - k)
print(f"grid posterior vs Beta({a0 + k}, {b0 + n - k}): max abs density gap "
      f"{np.abs(post_grid - post_conj).max():.1e} (peak density {post_conj.max():.2f})")
assert np.abs(post_grid - post_conj).max() < 1e-6 * post_conj.max()


# %%
# 2. 95 % intervals for the rate after 7 of 20. Credible: equal-tailed posterior quantiles.
# Confidence: Clopper-Pearson (exact) and Wilson, from SciPy.
def credible(k, n, a, b):
    return stats.beta.ppf([0.025, 0.975], a + k, b + n - k)


ci = stats.binomtest(k, n).proportion_ci
rows = {"credible, flat Beta(1, 1)": credible(k, n, 1, 1),
        "credible, Jeffreys Beta(1/2, 1/2)": credible(k, n, 0.5, 0.5),
        "credible, informative Beta(2, 8)": credible(k, n, a0, b0),
        "confidence, Clopper-Pearson": ci(0.95, "exact"),
        "confidence, Wilson": ci(0.95, "wilson")}
print(f"\n7 of 20 converted (rate {k / n:.2f}):")
for name, (lo, hi) in rows.items():
    print(f"  {name:<34} [{lo:.3f}, {hi:.3f}]")
flat, inf, wil = rows["credible, flat Beta(1, 1)"], rows["credible, informative Beta(2, 8)"], \
    np.array(rows["confidence, Wilson"])
assert np.abs(flat - wil).max() < 0.005               # flat prior ~ Wilson here
assert abs(wil[1] - inf[1] - 0.1) < 0.01                # the prior pulls the top end down

# 0 conversions of 30: Wald collapses to [0, 0]; Clopper-Pearson and a flat prior do not.
cp0 = stats.binomtest(0, 30).proportion_ci(0.95, "exact")
print(f"0 of 30: Clopper-Pearson [{cp0.low:.3f}, {cp0.high:.3f}], "
      f"flat-prior posterior Beta(1, 31) mean {1 / 32:.3f}")
assert cp0.low == 0 and abs(cp0.high - 0.12) < 0.005

# %%
# 3. The same observed rate, 35 %, with ever more data: the informative and the flat
# posterior means converge, and the flat credible interval meets the Wald interval.
print(f"\n{'n':>5} {'mean, Beta(2,8)':>16} {'mean, flat':>11} {'gap':>7}")
gaps = {}
for m in [20, 200, 2000]:
    kk = int(0.35 * m)
    mi, mf = (a0 + kk) / (a0 + b0 + m), (1 + kk) / (2 + m)
    gaps[m] = mf - mi
    print(f"{m:5d} {mi:16.4f} {mf:11.4f} {gaps[m]:7.4f}")
assert gaps[20] > 0.05 and gaps[2000] < 0.001 and gaps[20] / gaps[2000] > 50
wald = 0.35 + np.array([-1, 1]) * 1.96 * np.sqrt(0.35 * 0.65 / 2000)
print(f"n = 2000: flat credible {np.round(credible(700, 2000, 1, 1), 4)}, Wald {np.round(wald, 4)}")
assert np.abs(credible(700, 2000, 1, 1) - wald).max() < 0.001

# %%
# 4a. Bayesian calibration: draw the rate from the prior, then data; the informative credible
# interval contains the drawn rate 95 % of the time.
theta = rng.beta(a0, b0, 40_000)
kk = rng.binomial(n, theta)
lo, hi = stats.beta.ppf(0.025, a0 + kk, b0 + n - kk), stats.beta.ppf(0.975, a0 + kk, b0 + n - kk)
bayes_cov = np.mean((lo <= theta) & (theta <= hi))
print(f"\nrate drawn from the prior: informative credible interval covers {bayes_cov:.3f}")
assert abs(bayes_cov - 0.95) < 0.006

# 4b. Frequentist coverage at fixed rates, exact over the binomial distribution of k.
ks = np.arange(n + 1)
lo_b, hi_b = stats.beta.ppf(0.025, a0 + ks, b0 + n - ks), stats.beta.ppf(0.975, a0 + ks, b0 + n - ks)
cp = np.array([stats.binomtest(int(j), n).proportion_ci(0.95, "exact") for j in ks])
print(f"{'true rate':>9} {'credible, Beta(2,8)':>20} {'Clopper-Pearson':>16}")
cover = {}
for th in [0.2, 0.6]:
    pmf = stats.binom.pmf(ks, n, th)
    cover[th] = (pmf[(lo_b <= th) & (th <= hi_b)].sum(), pmf[(cp[:, 0] <= th) & (th <= cp[:, 1])].sum())
    print(f"{th:9.1f} {cover[th][0]:20.3f} {cover[th][1]:16.3f}")
assert cover[0.2][0] > 0.97 and abs(cover[0.6][0] - 0.76) < 0.01   # prior right vs prior wrong
assert min(cover[0.2][1], cover[0.6][1]) > 0.95                     # exact: never below 95 %

# %%
# 5. A/B test: A converts 200 of 2,000, B 240 of 2,000. With flat priors, the posterior
# probability that B is worse than A (Monte Carlo from the two Beta posteriors) is close to the
# one-sided p-value of the two-proportion z-test. They answer different questions.
(ka, na), (kb, nb) = (200, 2000), (240, 2000)
pa, pb = rng.beta(1 + ka, 1 + na - ka, 400_000), rng.beta(1 + kb, 1 + nb - kb, 400_000)
p_worse = np.mean(pb < pa)
pool = (ka + kb) / (na + nb)
z = (kb / nb - ka / na) / np.sqrt(pool * (1 - pool) * (1 / na + 1 / nb))
print(f"\nP(B worse than A | data) = {p_worse:.4f}; one-sided p-value = {stats.norm.sf(z):.4f}")
assert abs(p_worse - stats.norm.sf(z)) < 0.002 and p_worse < 0.05

# Peeking: A and B both truly convert at 10 %. 20 looks, 200 more users per arm each time;
# ship B as soon as P(B > A | data) > 0.95 (normal approximation to the two Beta posteriors).
R, looks = 4000, 20
ca = np.cumsum(rng.binomial(200, 0.1, (R, looks)), axis=1)
cb = np.cumsum(rng.binomial(200, 0.1, (R, looks)), axis=1)
m = 200 * np.arange(1, looks + 1)
mean_a, mean_b = (1 + ca) / (2 + m), (1 + cb) / (2 + m)
var_a, var_b = mean_a * (1 - mean_a) / (3 + m), mean_b * (1 - mean_b) / (3 + m)
p_better = stats.norm.cdf((mean_b - mean_a) / np.sqrt(var_a + var_b))
ship_end, ship_any = np.mean(p_better[:, -1] > 0.95), np.mean((p_better > 0.95).any(axis=1))
print(f"no true difference: ship B {ship_end:.3f} with one final look, "
      f"{ship_any:.3f} stopping at the first of {looks} looks")
assert abs(ship_end - 0.05) < 0.015 and abs(ship_any - 0.21) < 0.03
