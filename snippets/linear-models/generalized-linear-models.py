"""Poisson regression as a generalised linear model, with exposure, against linear regression.

Simulated claim counts: each policy has a feature x and an exposure t (years observed), and
y ~ Poisson(t * exp(b0 + b1 x)). The snippet fits the Poisson GLM by IRLS with a log(t) offset,
checks that scikit-learn's PoissonRegressor on the rate y / t with sample_weight = t gives the
same answer, compares it with least squares, and measures overdispersion.
"""

# %%
# Simulate the data.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LinearRegression, PoissonRegressor
from sklearn.metrics import mean_poisson_deviance

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
b_true = np.array([-1.0, 0.8])


def simulate(n, dispersion=None):
    x = rng.uniform(-2, 3, size=n)
    t = rng.uniform(0.1, 1.0, size=n)                 # exposure in years
    mu = t * np.exp(b_true[0] + b_true[1] * x)
    if dispersion is None:
        y = rng.poisson(mu)
    else:                                             # gamma-Poisson = negative binomial
        y = rng.poisson(mu * rng.gamma(1 / dispersion, dispersion, size=n))
    return x, t, y


x, t, y = simulate(20_000)
x_te, t_te, y_te = simulate(20_000)
X1 = np.c_[np.ones_like(x), x]

# %%
# IRLS (iteratively reweighted least squares), the classic GLM fitting algorithm. For the log
# link the linear predictor is eta = X b + log t; each step solves a weighted least-squares
# problem with weights mu and working response X b + (y - mu) / mu.


def irls(X1, y, offset, iters=25):
    b = np.zeros(X1.shape[1])
    for it in range(iters):
        mu = np.exp(X1 @ b + offset)
        z = X1 @ b + (y - mu) / mu
        b_new = np.linalg.solve(X1.T @ (mu[:, None] * X1), X1.T @ (mu * z))
        if np.max(np.abs(b_new - b)) < 1e-10:
            return b_new, it + 1
        b = b_new
    raise RuntimeError("IRLS did not converge")


b, it = irls(X1, y, np.log(t))
print(f"IRLS converged in {it} iterations: b = {np.array2string(b, precision=4)}"
      f" (true {b_true})")
print(f"rate ratio per unit of x: exp(b1) = {np.exp(b[1]):.3f} (true {np.exp(b_true[1]):.3f})")
assert it < 15 and np.allclose(b, b_true, atol=0.05)

# scikit-learn has no offset argument. Modelling the rate y / t with sample_weight t gives the
# same estimating equations, hence the same coefficients.
glm = PoissonRegressor(alpha=0.0, tol=1e-10, max_iter=1000)
glm.fit(x[:, None], y / t, sample_weight=t)
assert np.allclose([glm.intercept_, glm.coef_[0]], b, atol=1e-5)
print("PoissonRegressor on y / t with sample_weight = t: same coefficients")

# %%
# Compare on held-out policies, predicting expected counts t * rate. Least squares on the raw
# counts predicts negative counts at low x and fits the curve badly; least squares on log(1 + y)
# is biased low once transformed back. Ignoring exposure also misleads the Poisson model.
ols = LinearRegression().fit(np.c_[x, t], y)
ols_log = LinearRegression().fit(np.c_[x, t], np.log1p(y))
glm_no_exposure = PoissonRegressor(alpha=0.0).fit(x[:, None], y)
preds = {
    "Poisson GLM, exposure as offset": t_te * glm.predict(x_te[:, None]),
    "Poisson GLM, exposure ignored": glm_no_exposure.predict(x_te[:, None]),
    "least squares on y": ols.predict(np.c_[x_te, t_te]),
    "least squares on log(1 + y)": np.expm1(ols_log.predict(np.c_[x_te, t_te])),
}
print(f"\n{'model':<33} {'Poisson deviance':>16} {'share < 0':>9} {'mean pred':>9}")
dev = {}
for name, p in preds.items():
    dev[name] = mean_poisson_deviance(y_te, np.maximum(p, 1e-6))
    print(f"{name:<33} {dev[name]:16.3f} {np.mean(p < 0):9.1%} {p.mean():9.3f}")
print(f"{'observed mean count':<33} {'':>16} {'':>9} {y_te.mean():9.3f}")
best = dev["Poisson GLM, exposure as offset"]
assert all(best < 0.95 * v for k, v in dev.items() if k != "Poisson GLM, exposure as offset")
assert 0.15 < np.mean(preds["least squares on y"] < 0) < 0.25
assert preds["least squares on log(1 + y)"].mean() < 0.9 * y_te.mean()

# %%
# Overdispersion. Under the Poisson model the variance equals the mean, so the Pearson statistic
# sum((y - mu)^2 / mu) / (n - p) should be near 1. Negative-binomial counts with the same means
# (variance mu + 2 mu^2) give a larger value. Refitting on 200 fresh data sets of each kind shows
# what that does: the slope is still unbiased, but the Poisson standard error understates its
# real spread; the sandwich (robust) standard error does not.
print(f"\n200 refits, n = 5000   dispersion  mean slope  sd(slope)  Poisson SE  sandwich SE")
for label, disp in [("Poisson data", None), ("negative binomial", 2.0)]:
    stats = []
    for _ in range(200):
        xd, td, yd = simulate(5000, disp)
        Xd = np.c_[np.ones_like(xd), xd]
        bd, _ = irls(Xd, yd, np.log(td))
        mu_d = np.exp(Xd @ bd) * td
        bread = np.linalg.inv(Xd.T @ (mu_d[:, None] * Xd))
        meat = Xd.T @ (((yd - mu_d) ** 2)[:, None] * Xd)
        stats.append([np.sum((yd - mu_d) ** 2 / mu_d) / (len(yd) - 2), bd[1],
                      np.sqrt(bread[1, 1]), np.sqrt((bread @ meat @ bread)[1, 1])])
    phi, slope, se_p, se_s = np.array(stats).T
    sd = slope.std()
    print(f"{label:<22} {phi.mean():10.2f} {slope.mean():11.3f} {sd:10.4f} {se_p.mean():11.4f}"
          f" {se_s.mean():12.4f}")
    assert abs(slope.mean() - b_true[1]) < 0.01 and 0.8 < se_s.mean() / sd < 1.25
    if disp is None:
        assert 0.97 < phi.mean() < 1.03 and 0.8 < se_p.mean() / sd < 1.25
    else:
        print(f"{'':<22} Poisson SE / sd(slope) = {se_p.mean() / sd:.2f}")
        assert phi.mean() > 1.5 and 0.5 < se_p.mean() / sd < 0.75   # roughly 0.6

# %%
# Figure: observed claim rate (claims per year of exposure) in bins of x, with both fits.
edges = np.linspace(-2, 3, 21)
mid = (edges[:-1] + edges[1:]) / 2
which = np.digitize(x_te, edges[1:-1])
rate = np.array([y_te[which == k].sum() / t_te[which == k].sum() for k in range(20)])
grid = np.linspace(-2, 3, 200)
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Claims per year of exposure against the feature x: observed rates in bins rise "
        "exponentially, the Poisson GLM curve follows them, and a least-squares line for a "
        "one-year policy misses the curve and predicts negative counts at low x",
)
ax.plot(mid, rate, "ko", ms=4, label="observed rate (binned)")
ax.plot(grid, glm.predict(grid[:, None]), label="Poisson GLM, log link")
ax.plot(grid, ols.predict(np.c_[grid, np.ones_like(grid)]), "--",
        label="least squares, t = 1 year")
ax.axhline(0, color="grey", lw=0.6)
ax.set(xlabel="x", ylabel="claims per year")
ax.legend()
fig.tight_layout()
plt.show()
