"""Selection bias and survivorship bias, simulated on a population where the truth is known.

1. Selection on a feature: an online survey reaches high-income people more often. The sample
   mean is biased and a misspecified model fitted to the sample is worse on the population;
   weighting by 1 / inclusion probability repairs both.
2. Selection on an unrecorded cause of the outcome: only approved loans have outcomes, and
   no weighting on the recorded features fixes it.
3. Survivorship: funds with zero skill; the ones still alive after 10 years look skilled.
"""

# %%
# Imports, seed, and a population of 100,000 people: income x (log-normal) and monthly spend y,
# which grows with income but flattens out (a curve a straight line cannot follow everywhere).
import os

import numpy as np
from sklearn.linear_model import LinearRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
N = 100_000
x = rng.lognormal(mean=0.0, sigma=0.5, size=N)                # income, in units of the median
y = 10 * np.log1p(x) + rng.normal(0, 1, N)                    # spend
X = x[:, None]

# %%
# 1. Inclusion probability rises with income: pi(x) = 0.02 x^2, capped at 0.5.
pi = np.clip(0.02 * x**2, 1e-4, 0.5)
sel = rng.random(N) < pi
w = 1 / pi[sel]                                               # inverse inclusion probability
naive_mean, ht_mean = y[sel].mean(), np.sum(w * y[sel]) / np.sum(w)   # Hajek estimator
print(f"sample of {sel.sum():,} from {N:,}; population mean spend {y.mean():.2f}, "
      f"sample mean {naive_mean:.2f}, weighted {ht_mean:.2f}")
assert naive_mean - y.mean() > 2.0 and abs(ht_mean - y.mean()) < 0.3
ess = w.sum() ** 2 / (w**2).sum()                             # Kish effective sample size
print(f"effective sample size of the weighted sample: {ess:.0f} ({ess / sel.sum():.1%})")
assert ess < 0.5 * sel.sum()                                  # the price: fewer "real" rows

# A straight line fitted to the sample tracks the high-income region the sample over-represents;
# the weighted fit targets the population's best straight line.
full = LinearRegression().fit(X, y)
plain = LinearRegression().fit(X[sel], y[sel])
weighted = LinearRegression().fit(X[sel], y[sel], sample_weight=w)
mse = {name: np.mean((m.predict(X) - y) ** 2) for name, m in
       (("fit on population", full), ("fit on sample", plain), ("weighted fit", weighted))}
print(f"{'model':<20}{'slope':>7}{'population MSE':>16}")
for (name, err), m in zip(mse.items(), (full, plain, weighted)):
    print(f"{name:<20}{m.coef_[0]:>7.2f}{err:>16.3f}")
assert mse["fit on sample"] > 1.3 * mse["fit on population"]
assert mse["weighted fit"] < 1.1 * mse["fit on population"]

# %%
# 2. Selection on an unobserved variable: default risk depends on an unrecorded factor u, and only
# applicants with low u were approved (the old model saw u, say via an interview). The default
# rate observed among approved loans understates the rate for the next applicant pool at
# every income level, and weighting by income cannot recover u.
u = rng.normal(size=N)
p_default = 1 / (1 + np.exp(-(-2.0 - 0.8 * np.log(x) + 1.2 * u)))
default = rng.random(N) < p_default
approved = u < 0
low = x < 1
print(f"\ndefault rate, income below median: approved loans {default[approved & low].mean():.3f}, "
      f"all applicants {default[low].mean():.3f}")
assert default[low].mean() > 1.5 * default[approved & low].mean()

# %%
# 3. Survivorship: 1,000 funds, annual returns ~ N(0, 10 %) with zero true skill. A fund closes
# (and leaves the database) once its cumulative return falls below -20 %.
returns = rng.normal(0.0, 0.10, size=(1000, 10))
wealth = np.cumprod(1 + returns, axis=1)
alive = np.all(wealth > 0.8, axis=1)
mean_all, mean_alive = returns.mean(), returns[alive].mean()
print(f"\nfunds alive after 10 years: {alive.mean():.0%}; mean annual return: all funds "
      f"{mean_all:+.2%}, survivors {mean_alive:+.2%}")
assert alive.mean() < 0.7 and mean_alive - mean_all > 0.01
