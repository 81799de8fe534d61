"""Exact SHAP values by enumerating feature subsets, with an interventional (marginal) baseline.

1. On a linear model, the exact values equal the closed form w_j (x_j - mean of x_j).
2. On gradient boosting fitted to Friedman's function: they add up to the prediction minus the
   average prediction, recover the true additive effect of x3, and give a noise feature ~0.
3. Correlated features: two models with the same predictions get opposite explanations.
"""

# %%
# Imports and seed.
import itertools
import os
from math import factorial

import numpy as np
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import LinearRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def exact_shap(predict, x, background):
    """Shapley values of one row x: the value of a coalition S is the mean prediction when the
    features in S are set to x and the rest keep their background values (interventional)."""
    m = x.size
    value = {}
    for size in range(m + 1):
        for S in itertools.combinations(range(m), size):
            Z = background.copy()
            Z[:, list(S)] = x[list(S)]
            value[S] = predict(Z).mean()
    phi = np.zeros(m)
    for j in range(m):
        others = [k for k in range(m) if k != j]
        for size in range(m):
            w = factorial(size) * factorial(m - size - 1) / factorial(m)
            for S in itertools.combinations(others, size):
                phi[j] += w * (value[tuple(sorted(S + (j,)))] - value[S])
    return phi, value[()]


# %%
# 1. Linear model on correlated features: phi_j = w_j (x_j - E x_j), checked to 1e-9.
C = np.array([[1, .8, 0, 0], [.8, 1, 0, 0], [0, 0, 1, .3], [0, 0, .3, 1]])
X = rng.multivariate_normal(np.zeros(4), C, size=500)
y = X @ np.array([2.0, -1.0, 0.5, 0.0]) + rng.normal(0, 0.1, 500)
lin = LinearRegression().fit(X, y)
bg = X[:100]
x = X[200]
phi, _ = exact_shap(lin.predict, x, bg)
closed = lin.coef_ * (x - bg.mean(axis=0))
print("linear model, one row:", np.round(phi, 4), " closed form:", np.round(closed, 4))
assert np.allclose(phi, closed, atol=1e-9)

# %%
# 2. Gradient boosting on Friedman #1: y = 10 sin(pi x0 x1) + 20 (x2 - .5)^2 + 10 x3 + 5 x4
# + noise, plus a sixth feature that the target ignores. Explain 40 test rows.
X, y = make_friedman1(1200, n_features=6, noise=0.5, random_state=SEED)
gbm = GradientBoostingRegressor(n_estimators=300, max_depth=3, random_state=SEED)
gbm.fit(X[:1000], y[:1000])
bg = X[:100]
rows = X[1000:1040]
PHI, base = zip(*(exact_shap(gbm.predict, r, bg) for r in rows))
PHI, base = np.array(PHI), base[0]
gap = np.abs(PHI.sum(axis=1) - (gbm.predict(rows) - gbm.predict(bg).mean())).max()
truth3 = 10 * (rows[:, 3] - bg[:, 3].mean())          # x3's true additive contribution
corr3 = np.corrcoef(PHI[:, 3], truth3)[0, 1]
mean_abs = np.abs(PHI).mean(axis=0)
print(f"\nGBM: base value {base:.2f}; max |sum(phi) - (f(x) - base)| = {gap:.1e}")
print("mean |phi| per feature:", "  ".join(f"x{j} {v:.2f}" for j, v in enumerate(mean_abs)))
print(f"corr(phi_3, 10 (x3 - mean x3)) = {corr3:.3f}, "
      f"mean |phi_3 - truth| = {np.abs(PHI[:, 3] - truth3).mean():.2f}")
assert gap < 1e-9                                      # efficiency, up to rounding
assert corr3 > 0.95 and np.abs(PHI[:, 3] - truth3).mean() < 0.5
assert mean_abs[5] < 0.1 * mean_abs[:5].min()          # the ignored feature gets ~0

# %%
# 3. Correlated features: x1 is a near copy of x0. Two models, one using x0 and one using x1,
# predict almost identically, yet SHAP credits a different feature in each.
z = rng.normal(size=(500, 1))
X = np.hstack([z, z + 0.05 * rng.normal(size=(500, 1))])
y = 3 * z[:, 0] + rng.normal(0, 0.5, 500)
m0 = LinearRegression().fit(X[:, [0]], y)
m1 = LinearRegression().fit(X[:, [1]], y)
f0 = lambda A: m0.predict(A[:, [0]])                   # noqa: E731
f1 = lambda A: m1.predict(A[:, [1]])                   # noqa: E731
x = X[np.argmax(np.abs(z[:, 0]))]
s0, _ = exact_shap(f0, x, X[:100])
s1, _ = exact_shap(f1, x, X[:100])
r = np.corrcoef(f0(X), f1(X))[0, 1]
print(f"\ncorrelation of the two models' predictions {r:.4f}")
print(f"model on x0: phi = {np.round(s0, 2)};  model on x1: phi = {np.round(s1, 2)}")
assert r > 0.99 and s0[1] == 0 and s1[0] == 0 and abs(s0[0]) > 2 and abs(s1[1]) > 2
