"""Six distributions every candidate should know, with the facts that connect them checked
numerically: moments, sums of Bernoullis, the Poisson limit of the binomial, memorylessness,
and the Poisson process that links the exponential and the Poisson.
"""

# %%
# 1. Draw 200,000 values from each distribution and compare the sample mean and variance with
# the textbook formulas. A mismatch would mean a wrong formula or a wrong parameterisation
# (NumPy's exponential takes the scale 1 / rate, a classic slip).
import os
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
N = 200_000
p, n, lam, mu, sd, rate, a, b = 0.3, 20, 4.0, 5.0, 2.0, 0.5, 0.0, 10.0
cases = {  # name: (draws, mean formula, variance formula)
    "Bernoulli(0.3)": (rng.random(N) < p, p, p * (1 - p)),
    "binomial(20, 0.3)": (rng.binomial(n, p, N), n * p, n * p * (1 - p)),
    "Poisson(4)": (rng.poisson(lam, N), lam, lam),
    "normal(5, 2^2)": (rng.normal(mu, sd, N), mu, sd ** 2),
    "exponential(rate 0.5)": (rng.exponential(1 / rate, N), 1 / rate, 1 / rate ** 2),
    "uniform(0, 10)": (rng.uniform(a, b, N), (a + b) / 2, (b - a) ** 2 / 12),
}
print(f"{'distribution':<22} {'mean':>7} {'formula':>8} {'variance':>9} {'formula':>8}")
for name, (x, m, v) in cases.items():
    print(f"{name:<22} {x.mean():7.3f} {m:8.3f} {x.var():9.3f} {v:8.3f}")
    assert abs(x.mean() / m - 1) < 0.01 and abs(x.var() / v - 1) < 0.03

# A binomial is a sum of independent Bernoullis: sums of 20 coin flips with p = 0.3 have the
# binomial probability mass function.
sums = (rng.random((N, n)) < p).sum(axis=1)
gap = np.abs(np.bincount(sums, minlength=n + 1) / N - stats.binom.pmf(np.arange(n + 1), n, p))
print(f"\nsum of 20 Bernoulli(0.3): largest gap to the binomial pmf {gap.max():.4f}")
assert gap.max() < 0.004

# %%
# 2. Poisson limit: Binomial(n, 4 / n) approaches Poisson(4) as n grows. Total variation
# distance (the largest possible difference in the probability of any event), computed exactly,
# shrinks like 1 / n and stays under Le Cam's bound n p^2 = lambda^2 / n.
k = np.arange(0, 200)
print(f"\n{'n':>6} {'TV(binomial, Poisson)':>22} {'Le Cam bound':>13}")
tv = {}
for m in [10, 100, 1000]:
    tv[m] = 0.5 * np.abs(stats.binom.pmf(k, m, lam / m) - stats.poisson.pmf(k, lam)).sum()
    print(f"{m:6d} {tv[m]:22.4f} {lam ** 2 / m:13.3f}")
    assert tv[m] < lam ** 2 / m
assert 8 < tv[10] / tv[100] < 13 and 8 < tv[100] / tv[1000] < 13 and abs(tv[10] - 0.13) < 0.005

# %%
# 3. Memorylessness: having waited 2 minutes, the chance of waiting more than 1 more minute is
# the same as at the start for an exponential wait, but not for a uniform one.
for name, x in [("exponential", cases["exponential(rate 0.5)"][0]),
                ("uniform", cases["uniform(0, 10)"][0])]:
    fresh, waited = np.mean(x > 1), np.mean(x[x > 2] > 3)
    print(f"{name:<12} P(X > 1) = {fresh:.3f}   P(X > 3 | X > 2) = {waited:.3f}")
    if name == "exponential":
        assert abs(fresh - waited) < 0.01 and abs(fresh - np.exp(-rate)) < 0.005
    else:
        assert abs(fresh - 0.9) < 0.005 and abs(waited - 7 / 8) < 0.005

# %%
# 4. A Poisson process: events separated by independent exponential gaps (rate 4 per minute).
# The number of events in each one-minute window is Poisson(4): mean = variance = 4, and a
# minute with no event has probability exp(-4).
arrivals = np.cumsum(rng.exponential(1 / lam, N))   # about 50,000 minutes of events
counts = np.bincount(arrivals[arrivals < 40_000].astype(int), minlength=40_000)
print(f"\nevents per minute: mean {counts.mean():.3f}, variance {counts.var():.3f}, "
      f"P(0) {np.mean(counts == 0):.4f} (Poisson: {np.exp(-lam):.4f})")
assert abs(counts.mean() - lam) < 0.05 and abs(counts.var() / counts.mean() - 1) < 0.07
assert abs(np.mean(counts == 0) - np.exp(-lam)) < 0.003

# %%
# 5. The normal's 68-95-99.7 rule, from the cumulative distribution function.
within = [stats.norm.cdf(z) - stats.norm.cdf(-z) for z in (1, 2, 3)]
print("\nnormal, share within 1, 2, 3 sd: " + ", ".join(f"{w:.4f}" for w in within))
assert np.allclose(within, [0.683, 0.954, 0.997], atol=5e-4)
