"""Bayesian linear regression with Gaussian basis functions, in closed form.

Prior w ~ N(0, I / alpha), noise precision beta. Checks that the posterior mean is the ridge
solution with penalty alpha / beta, that predictive uncertainty grows away from the data, that
95 % predictive intervals cover about 95 % of new points, that updating batch by batch gives the
same posterior as one update, and that maximising the evidence (as BayesianRidge does) recovers
the noise level without a validation set.
"""

# %%
# Data: a smooth curve observed with noise on two separate intervals, leaving a gap in the middle.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import BayesianRidge, Ridge

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
noise_sd = 0.2


def truth(x):
    return np.sin(1.5 * x) + 0.3 * x


def draw(n):
    x = np.r_[rng.uniform(-4, -1, n // 2), rng.uniform(1.5, 4, n - n // 2)]
    return x, truth(x) + rng.normal(0, noise_sd, x.size)


centres = np.linspace(-6, 6, 25)


def features(x, width=0.8):
    """A constant plus Gaussian bumps: linear in the weights, non-linear in x."""
    return np.c_[np.ones_like(x), np.exp(-0.5 * ((x[:, None] - centres) / width) ** 2)]


x, y = draw(60)
Phi = features(x)
alpha, beta = 1.0, 1 / noise_sd**2          # prior precision, noise precision


def posterior(Phi, y, alpha, beta, prior_mean=None, prior_prec=None):
    """Gaussian posterior N(m, S); the prior defaults to N(0, I / alpha)."""
    p = Phi.shape[1]
    prior_prec = alpha * np.eye(p) if prior_prec is None else prior_prec
    prior_mean = np.zeros(p) if prior_mean is None else prior_mean
    prec = prior_prec + beta * Phi.T @ Phi
    S = np.linalg.inv(prec)
    m = S @ (prior_prec @ prior_mean + beta * Phi.T @ y)
    return m, S, prec


m, S, prec = posterior(Phi, y, alpha, beta)

# %%
# The posterior mean is ridge regression with penalty alpha / beta (MAP = posterior mean here).
ridge = Ridge(alpha=alpha / beta, fit_intercept=False).fit(Phi, y)
assert np.allclose(m, ridge.coef_, atol=1e-8)
print(f"posterior mean = Ridge(alpha = alpha/beta = {alpha / beta:.3f}) coefficients")

# Predictive distribution: mean phi(x)^T m, variance 1/beta + phi(x)^T S phi(x).
grid = np.linspace(-6, 6, 241)
G = features(grid)
pred_mean = G @ m
pred_sd = np.sqrt(1 / beta + np.einsum("ij,jk,ik->i", G, S, G))
in_data = ((grid > -4) & (grid < -1)) | ((grid > 1.5) & (grid < 4))
gap = (grid > -0.5) & (grid < 1.0)
outside = np.abs(grid) > 5
print("predictive sd: inside the data {:.3f}, in the gap {:.3f}, beyond the data {:.3f}"
      .format(pred_sd[in_data].mean(), pred_sd[gap].mean(), pred_sd[outside].mean()))
assert pred_sd[in_data].mean() < 1.5 * noise_sd
ratio_gap = pred_sd[gap].mean() / pred_sd[in_data].mean()
ratio_out = pred_sd[outside].mean() / pred_sd[in_data].mean()
print(f"  ratio to inside the data: gap {ratio_gap:.1f}, beyond {ratio_out:.1f}")
assert 2.5 < ratio_gap < 3.7        # roughly three times (2.7 to 3.5 across draws)
assert 5.5 < ratio_out < 7.0        # about six times

# %%
# Calibration of the predictive intervals on fresh points from the same region.
x_new, y_new = draw(4000)
G_new = features(x_new)
mu_new = G_new @ m
sd_new = np.sqrt(1 / beta + np.einsum("ij,jk,ik->i", G_new, S, G_new))
coverage = np.mean(np.abs(y_new - mu_new) < 1.96 * sd_new)
print(f"95 % predictive intervals cover {coverage:.3f} of 4000 new points")
assert 0.93 < coverage < 0.97

# %%
# Sequential learning: yesterday's posterior is today's prior. Two batches give exactly the
# posterior of one batch with all the data.
m1, _, prec1 = posterior(Phi[:30], y[:30], alpha, beta)
m2, _, _ = posterior(Phi[30:], y[30:], alpha, beta, prior_mean=m1, prior_prec=prec1)
assert np.allclose(m2, m, atol=1e-8)
print("posterior after two batches = posterior after one batch of all data")

# %%
# Empirical Bayes: choose alpha and beta by maximising the marginal likelihood (the evidence)
# p(y | alpha, beta), with no validation set. scikit-learn's BayesianRidge does this; note its
# naming: alpha_ is the noise precision and lambda_ the weight precision.
br = BayesianRidge(fit_intercept=False, max_iter=500, tol=1e-8).fit(Phi, y)
print(f"evidence maximisation: noise sd {1 / np.sqrt(br.alpha_):.3f} (true {noise_sd}), "
      f"prior sd of weights {1 / np.sqrt(br.lambda_):.2f}")
assert abs(1 / np.sqrt(br.alpha_) - noise_sd) < 0.05
m_br, S_br, _ = posterior(Phi, y, br.lambda_, br.alpha_)
mu_br, sd_br = br.predict(G, return_std=True)
assert np.allclose(mu_br, G @ m_br, atol=1e-6)
assert np.allclose(sd_br, np.sqrt(1 / br.alpha_ + np.einsum("ij,jk,ik->i", G, S_br, G)),
                   atol=1e-6)

# %%
# Figure: data, predictive mean and a 95 % band, and functions drawn from the posterior.
samples = rng.multivariate_normal(m, S, size=5)
fig, ax = plt.subplots(
    figsize=(6.8, 3.8),
    num="Bayesian linear regression on two clusters of noisy points: the 95 % predictive band is "
        "narrow where there are data, widens in the gap between the clusters and grows wide "
        "beyond them, where functions drawn from the posterior spread apart",
)
ax.fill_between(grid, pred_mean - 1.96 * pred_sd, pred_mean + 1.96 * pred_sd, alpha=0.25,
                label="95 % predictive interval")
ax.plot(grid, G @ samples.T, lw=0.7, color="tab:green", alpha=0.7)
ax.plot(grid, pred_mean, color="tab:blue", label="predictive mean")
ax.plot(grid, truth(grid), "k--", lw=0.8, label="true function")
ax.plot(x, y, "k.", ms=4, label="data")
ax.set(xlabel="x", ylabel="y", ylim=(-4, 4))
ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
plt.show()
