"""Covariance against correlation, and Pearson against Spearman, on small synthetic examples.

1. Covariance carries units, so its size says nothing about strength; PCA on raw features is
   dominated by the feature with the largest units, PCA on correlations is not.
2. The least-squares slope is cov / var, and Pearson's r squared is the R^2 of that line.
3. Spearman sees any monotone relation and resists an outlier that wrecks Pearson.
4. Zero correlation is not independence, even when both variables are normal.
"""

# %%
# 1. Customers: age (years), income (dollars) and tenure (years), moderately related.
import os
import numpy as np
from scipy import stats
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
n = 2000
z = rng.normal(size=(n, 3))
age = 40 + 12 * z[:, 0]
income = 50_000 + 15_000 * (0.3 * z[:, 0] + np.sqrt(1 - 0.09) * z[:, 1])
tenure = 5 + 3 * (0.9 * z[:, 0] + np.sqrt(1 - 0.81) * z[:, 2])
C, R = np.cov([age, income, tenure]), np.corrcoef([age, income, tenure])
print(f"age-income: cov {C[0, 1]:,.0f}, r {R[0, 1]:.2f};   "
      f"age-tenure: cov {C[0, 2]:.1f}, r {R[0, 2]:.2f}")
assert C[0, 1] > 1000 * C[0, 2] and abs(R[0, 1] - 0.3) < 0.07 and abs(R[0, 2] - 0.9) < 0.02

X = np.column_stack([age, income, tenure])
raw = PCA(1).fit(X).components_[0]
scaled = PCA(1).fit(StandardScaler().fit_transform(X)).components_[0]
print(f"first principal component (age, income, tenure): raw {np.round(np.abs(raw), 3)}, "
      f"standardised {np.round(np.abs(scaled), 3)}")
assert abs(raw[1]) > 0.999 and np.abs(scaled).min() > 0.25   # units decide the raw PCA

# %%
# 2. The slope of the least-squares line of tenure on age is cov / var(age), and r^2 is the
# share of variance the line explains; both checked against scikit-learn.
lr = LinearRegression().fit(age[:, None], tenure)
slope = C[0, 2] / C[0, 0]
print(f"\nslope cov/var {slope:.4f}, scikit-learn {lr.coef_[0]:.4f}; "
      f"r^2 {R[0, 2] ** 2:.3f}, R^2 {lr.score(age[:, None], tenure):.3f}")
assert np.isclose(slope, lr.coef_[0]) and np.isclose(R[0, 2] ** 2, lr.score(age[:, None], tenure))

# %%
# 3. Pearson against Spearman. A monotone but curved relation (y = exp(x)) has Spearman 1 and a
# Pearson value well below 1. Then 50 points with a strong linear relation plus one gross
# outlier (a data-entry error): Pearson collapses, Spearman barely moves.
x = rng.normal(size=1000)
print(f"\ny = exp(x): Pearson {stats.pearsonr(x, np.exp(x))[0]:.2f}, "
      f"Spearman {stats.spearmanr(x, np.exp(x))[0]:.2f}")
r_pop = np.exp(0.5) / np.sqrt(np.e * (np.e - 1))    # population Pearson r of (x, e^x)
print(f"population Pearson r for y = exp(x): {r_pop:.3f}")
assert stats.spearmanr(x, np.exp(x))[0] == 1.0 and abs(stats.pearsonr(x, np.exp(x))[0] - r_pop) < 0.1

u = rng.normal(size=50)
v = u + 0.4 * rng.normal(size=50)
u_bad, v_bad = np.append(u, 8.0), np.append(v, -40.0)
before = stats.pearsonr(u, v)[0], stats.spearmanr(u, v)[0]
after = stats.pearsonr(u_bad, v_bad)[0], stats.spearmanr(u_bad, v_bad)[0]
print(f"{'':>16} {'Pearson':>8} {'Spearman':>9}")
print(f"{'clean, n = 50':>16} {before[0]:8.2f} {before[1]:9.2f}")
print(f"{'one outlier':>16} {after[0]:8.2f} {after[1]:9.2f}")
assert min(before) > 0.85 and after[0] < -0.4 and before[1] - after[1] < 0.15
# One such point can also create a correlation: 200 independent pairs plus one at (20, 20).
a, b = np.append(rng.normal(size=200), 20.0), np.append(rng.normal(size=200), 20.0)
print(f"{'independent + 1':>16} {stats.pearsonr(a, b)[0]:8.2f} {stats.spearmanr(a, b)[0]:9.2f}")
assert stats.pearsonr(a, b)[0] > 0.5 and abs(stats.spearmanr(a, b)[0]) < 0.3

# %%
# 4. x is standard normal and y = x with a random sign flipped in. Each is standard normal,
# their correlation is zero, yet |y| = |x| exactly: fully dependent. They are not jointly
# normal; for jointly normal variables, zero correlation would mean independence.
x = rng.normal(size=20_000)
y = x * rng.choice([-1, 1], size=x.size)
r_xy, r_abs = np.corrcoef(x, y)[0, 1], np.corrcoef(np.abs(x), np.abs(y))[0, 1]
ks = stats.kstest(y, "norm").statistic               # largest gap to the normal CDF
print(f"\nrandom-sign pair: corr(x, y) = {r_xy:+.3f}, corr(|x|, |y|) = {r_abs:.3f}, "
      f"Kolmogorov-Smirnov distance of y to the standard normal {ks:.4f}")
assert abs(r_xy) < 0.03 and r_abs > 0.999 and ks < 0.02   # 0.02 is far beyond sampling noise
