"""MAP versus maximum likelihood: pseudo-counts, shrinkage, ridge, and reparameterisation.

A coin with a Beta(2, 2) prior shows the estimates, their exact mean squared errors at several
sample sizes, and what happens when the prior is wrong. Ridge regression is checked to be the MAP
estimate under a Gaussian prior, and the MAP estimate is shown to move under a change of
parameter while the MLE does not.
"""

# %%
# Three heads in three flips. Prior Beta(a, b) = Beta(2, 2) acts like one extra head and one
# extra tail: posterior Beta(k + a, n - k + b), mode (k + a - 1) / (n + a + b - 2).
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import optimize, stats
from sklearn.linear_model import Ridge

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

a = b = 2.0
k, n = 3, 3
mle = k / n
map_ = (k + a - 1) / (n + a + b - 2)
post_mean = (k + a) / (n + a + b)
print(f"{k} heads in {n} flips, Beta(2, 2) prior: MLE {mle:.3f}, MAP {map_:.3f}, "
      f"posterior mean {post_mean:.3f}")
grid = np.linspace(1e-4, 1 - 1e-4, 100_001)
log_post = stats.beta.logpdf(grid, a, b) + k * np.log(grid) + (n - k) * np.log(1 - grid)
assert abs(grid[np.argmax(log_post)] - map_) < 1e-4 and mle == 1.0

# %%
# Exact mean squared error over all possible outcomes k ~ Binomial(n, p). With a true p of
# 0.3 the MAP estimate wins clearly at small n; both converge as n grows because the prior's two
# pseudo-counts are swamped. With p = 0.97, far from the prior's centre, MAP loses at small n.
print("\nexact mean squared error of the estimates")
print(f"{'':>6}  {'true p = 0.3':^19}   {'true p = 0.97':^19}")
print(f"{'n':>6}  {'MLE':>9} {'MAP':>9}   {'MLE':>9} {'MAP':>9}")
ratios = {}
for n_ in [3, 10, 30, 100, 1000]:
    ks = np.arange(n_ + 1)
    row = []
    for p in [0.3, 0.97]:
        w = stats.binom.pmf(ks, n_, p)
        mse_mle = np.sum(w * (ks / n_ - p) ** 2)
        mse_map = np.sum(w * ((ks + 1) / (n_ + 2) - p) ** 2)
        row += [mse_mle, mse_map]
        ratios[n_, p] = mse_map / mse_mle
    print(f"{n_:>6}  {row[0]:9.2e} {row[1]:9.2e}   {row[2]:9.2e} {row[3]:9.2e}")
assert ratios[3, 0.3] < 0.6 and ratios[10, 0.3] < 0.9
assert ratios[10, 0.97] > 1.5                     # a wrong prior hurts with little data
assert abs(ratios[1000, 0.3] - 1) < 0.01 and abs(ratios[1000, 0.97] - 1) < 0.1

# %%
# Ridge regression is the MAP estimate with a Gaussian prior w ~ N(0, tau^2 I) and noise
# N(0, sigma^2): minimising ||y - Xw||^2 / (2 sigma^2) + ||w||^2 / (2 tau^2) is Ridge with
# alpha = sigma^2 / tau^2.
rng = np.random.default_rng(SEED)
X = rng.normal(size=(30, 8))
y = X @ rng.normal(size=8) + rng.normal(0, 1.0, 30)
sigma2, tau2 = 1.0, 0.25


def neg_log_post(w):
    return np.sum((y - X @ w) ** 2) / (2 * sigma2) + np.sum(w**2) / (2 * tau2)


w_map = optimize.minimize(neg_log_post, np.zeros(8), method="BFGS").x
w_ridge = Ridge(alpha=sigma2 / tau2, fit_intercept=False).fit(X, y).coef_
w_mle = np.linalg.lstsq(X, y, rcond=None)[0]
assert np.allclose(w_map, w_ridge, atol=1e-4)
print(f"\nGaussian prior: MAP = Ridge(alpha = {sigma2 / tau2:g}); "
      f"||w_MAP|| = {np.linalg.norm(w_map):.2f} < ||w_MLE|| = {np.linalg.norm(w_mle):.2f}")
assert np.linalg.norm(w_map) < np.linalg.norm(w_mle)

# %%
# MAP depends on the parameterisation, MLE does not. Describe the same coin by its log-odds
# theta = log(p / (1 - p)). The density of theta picks up the Jacobian p (1 - p), so the posterior
# mode moves, although the posterior distribution (the belief) is the same.
theta = np.log(grid / (1 - grid))
log_post_theta = log_post + np.log(grid * (1 - grid))      # change of variables
p_from_theta_map = grid[np.argmax(log_post_theta)]
print(f"MAP of p: {map_:.3f}; MAP of log-odds, mapped back to p: {p_from_theta_map:.3f}")
assert abs(p_from_theta_map - (k + a) / (n + a + b)) < 1e-3 and abs(p_from_theta_map - map_) > 0.05
# The likelihood has no Jacobian term, so its maximiser maps across: here p -> 1, theta -> +inf.
lik = k * np.log(grid) + (n - k) * np.log(1 - grid)
assert np.argmax(lik) == grid.size - 1

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Prior, scaled likelihood and posterior for the probability of heads after three heads "
        "in three flips: the likelihood peaks at 1, the Beta(2, 2) prior at 0.5, and the posterior "
        "mode (MAP) at 0.8 between them",
)
dens = {"prior Beta(2, 2)": stats.beta.pdf(grid, a, b),
        "likelihood (scaled)": (grid**k) * (1 - grid) ** (n - k) * (n + 1),
        "posterior Beta(5, 2)": stats.beta.pdf(grid, a + k, b + n - k)}
for label, d in dens.items():
    ax.plot(grid, d, label=label)
for x, name in [(mle, "MLE"), (map_, "MAP"), (post_mean, "mean")]:
    ax.axvline(x, color="grey", lw=0.6, ls=":")
    ax.text(x, 4.05, name, ha="center", fontsize=8)
ax.set(xlabel="p (probability of heads)", ylabel="density", ylim=(0, 4.3))
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()
