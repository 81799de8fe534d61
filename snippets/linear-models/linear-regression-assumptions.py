"""What breaks when the assumptions of linear regression fail, measured by simulation.

Each scenario draws many data sets from a known model, fits ordinary least squares (OLS) to each,
and checks two things: is the slope estimate centred on the truth (bias), and does the textbook
95 % confidence interval contain the truth 95 % of the time (valid inference)?
"""

# %%
# Batched OLS: fit one regression per row of x and y at once. Returns the slope, its classical
# standard error (which assumes constant, independent noise) and the HC3 heteroscedasticity-robust
# standard error (White's sandwich estimator with a small-sample correction).
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
R, n = 2000, 100            # replicate data sets, rows per data set
t_crit = stats.t.ppf(0.975, df=n - 2)


def ols_batch(x, y):
    X = np.stack([np.ones_like(x), x], axis=-1)                 # (R, n, 2)
    XtX_inv = np.linalg.inv(np.einsum("rni,rnj->rij", X, X))
    beta = np.einsum("rij,rnj,rn->ri", XtX_inv, X, y)
    resid = y - np.einsum("rni,ri->rn", X, beta)
    sigma2 = (resid**2).sum(axis=1) / (n - 2)
    se_classic = np.sqrt(sigma2 * XtX_inv[:, 1, 1])
    leverage = np.einsum("rni,rij,rnj->rn", X, XtX_inv, X)
    meat = np.einsum("rni,rn,rnj->rij", X, (resid / (1 - leverage)) ** 2, X)
    sandwich = XtX_inv @ meat @ XtX_inv
    return beta[:, 1], se_classic, np.sqrt(sandwich[:, 1, 1]), resid


def report(name, slope, se, true_slope, robust_se=None):
    covered = np.abs(slope - true_slope) <= t_crit * se
    line = f"{name:<26} {slope.mean():6.3f} {slope.std():7.3f} {se.mean():8.3f} {covered.mean():7.3f}"
    if robust_se is not None:
        line += f" {(np.abs(slope - true_slope) <= t_crit * robust_se).mean():8.3f}"
    print(line)
    return covered.mean()


print(f"{R} simulated data sets of n = {n}; true slope 2 except where noted")
print(f"{'scenario':<26} {'mean b':>6} {'sd(b)':>7} {'mean SE':>8} {'cover':>7} {'HC3 cov':>8}")

# %%
# 1. All assumptions hold (Gaussian, constant-variance, independent noise): the interval covers
# the truth about 95 % of the time.
x = rng.uniform(0, 10, size=(R, n))
y = 1 + 2 * x + rng.normal(0, 3, size=(R, n))
b, se, hc3, _ = ols_batch(x, y)
cover_ok = report("all assumptions hold", b, se, 2, hc3)
assert 0.93 < cover_ok < 0.97

# %%
# 2. Skewed, non-Gaussian noise (a centred exponential). With n = 100 the slope is still
# unbiased and the interval still nearly exact: normality matters little once n is moderate.
y = 1 + 2 * x + 3 * (rng.exponential(size=(R, n)) - 1)
b, se, hc3, _ = ols_batch(x, y)
cover_skew = report("skewed noise", b, se, 2, hc3)
assert abs(b.mean() - 2) < 0.01 and 0.93 < cover_skew < 0.97

# %%
# 3. Heteroscedastic noise whose spread grows with x. The slope stays unbiased, but the classical
# standard error is too small, so the interval undercovers; HC3 restores coverage.
y = 1 + 2 * x + rng.normal(size=(R, n)) * 0.08 * x**2
b, se, hc3, _ = ols_batch(x, y)
cover_het = report("heteroscedastic noise", b, se, 2, hc3)
cover_het_hc3 = (np.abs(b - 2) <= t_crit * hc3).mean()
assert abs(b.mean() - 2) < 0.01                   # still unbiased
assert se.mean() < 0.85 * b.std()                 # classical SE understates the spread
assert cover_het < 0.92 and cover_het_hc3 > 0.93

# %%
# 4. Autocorrelated noise: rows are consecutive time steps, x trends with time and the noise is
# AR(1) with coefficient 0.8. Unbiased again, but the standard error is far too small.
time = np.tile(np.arange(n, dtype=float), (R, 1))
e = np.empty((R, n))
e[:, 0] = rng.normal(size=R) / np.sqrt(1 - 0.8**2)
for t in range(1, n):
    e[:, t] = 0.8 * e[:, t - 1] + rng.normal(size=R)
x_t = time / 10 + rng.normal(size=(R, n))
y = 1 + 2 * x_t + e
b, se, hc3, _ = ols_batch(x_t, y)
cover_ar = report("autocorrelated noise", b, se, 2, hc3)
assert abs(b.mean() - 2) < 0.02 and 0.4 < cover_ar < 0.6       # coverage about one half
assert (np.abs(b - 2) <= t_crit * hc3).mean() < 0.6   # HC3 does not fix dependence

# %%
# 5. An omitted confounder: y depends on x and z, z = 0.8 x + noise, and z is left out. The error
# term now correlates with x (exogeneity fails), so the slope converges to 2 + 1.5 * 0.8 = 3.2,
# not 2, and no standard-error fix helps.
z = 0.8 * x + rng.normal(0, 2, size=(R, n))
y = 1 + 2 * x + 1.5 * z + rng.normal(0, 3, size=(R, n))
b, se, hc3, _ = ols_batch(x, y)
cover_omit = report("omitted confounder", b, se, 2, hc3)
assert abs(b.mean() - 3.2) < 0.02 and cover_omit < 0.01

# %%
# 6. A curved true relation fitted with a straight line. The residuals are not noise: they form
# a U against the fitted values. The plot also shows the funnel of scenario 3.
x1 = rng.uniform(0, 10, size=(1, 200))
y_curved = 1 + 0.3 * x1**2 + rng.normal(0, 1.5, size=x1.shape)
y_het = 1 + 2 * x1 + rng.normal(size=x1.shape) * 0.08 * x1**2
_, _, _, r_curved = ols_batch(x1, y_curved)
_, _, _, r_het = ols_batch(x1, y_het)
# Numeric versions of what the eye sees: residuals correlate with (x - mean)^2 for the curve,
# and |residuals| correlate with x for the funnel.
u_shape = np.corrcoef(r_curved[0], (x1[0] - x1.mean()) ** 2)[0, 1]
funnel = np.corrcoef(np.abs(r_het[0]), x1[0])[0, 1]
print(f"\ncurved truth: corr(residual, (x - mean)^2) = {u_shape:.2f}")
print(f"funnel:       corr(|residual|, x)          = {funnel:.2f}")
assert u_shape > 0.7 and funnel > 0.4

fig, axes = plt.subplots(
    1, 2, figsize=(8.0, 3.4), sharey=False,
    num="Residuals against fitted values for two straight-line fits: a U-shaped band when the "
        "true relation is curved, and a funnel that widens to the right when the noise grows with x",
)
for ax, yy, r, title in [(axes[0], y_curved, r_curved, "curved truth, straight fit"),
                         (axes[1], y_het, r_het, "noise grows with x")]:
    fitted = yy[0] - r[0]
    ax.scatter(fitted, r[0], s=10, alpha=0.6)
    ax.axhline(0, color="k", lw=0.8)
    ax.set(title=title, xlabel="fitted value", ylabel="residual")
fig.tight_layout()
plt.show()
