"""Gaussian-process regression by hand, checked against scikit-learn.

1. Posterior mean and standard deviation from the conditioning formulas (with a Cholesky
   factor), against GaussianProcessRegressor with the same fixed kernel.
2. The log marginal likelihood, by hand and from scikit-learn.
3. Fitting the kernel's hyper-parameters by maximising the marginal likelihood recovers the
   noise level, and the 95 % intervals cover close to 95 % (90 to 98 %) of new observations.
4. Uncertainty grows in a gap in the data and returns to the prior far away.
"""

# %%
# Data: a smooth function observed with noise, with no observations between 2.5 and 3.5.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.linalg import cho_solve, cholesky
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, WhiteKernel

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)


def f(x):
    return np.sin(3 * x) + 0.3 * x


noise_sd = 0.2
x_train = np.sort(np.r_[rng.uniform(0, 2.5, 100), rng.uniform(3.5, 5, 60)])
y_train = f(x_train) + rng.normal(0, noise_sd, x_train.size)
x_grid = np.linspace(-1, 8, 360)

# %%
# By hand, with an RBF kernel k(x, x') = s^2 exp(-(x - x')^2 / (2 l^2)):
#   mean = K_*^T (K + sigma^2 I)^-1 y,   cov = K_** - K_*^T (K + sigma^2 I)^-1 K_*.


def rbf(a, b, length, scale):
    return scale**2 * np.exp(-0.5 * (a[:, None] - b[None, :]) ** 2 / length**2)


length, scale = 0.6, 1.0
K = rbf(x_train, x_train, length, scale) + noise_sd**2 * np.eye(x_train.size)
L = cholesky(K, lower=True)                       # K = L L^T, O(n^3) once
alpha = cho_solve((L, True), y_train)
K_star = rbf(x_train, x_grid, length, scale)
mean = K_star.T @ alpha
v = cho_solve((L, True), K_star)
var = scale**2 - np.sum(K_star * v, axis=0)
sd = np.sqrt(var)

log_ml = (-0.5 * y_train @ alpha - np.log(np.diag(L)).sum()
          - 0.5 * x_train.size * np.log(2 * np.pi))

fixed = GaussianProcessRegressor(kernel=ConstantKernel(scale**2, "fixed") * RBF(length, "fixed"),
                                 alpha=noise_sd**2, optimizer=None)
fixed.fit(x_train[:, None], y_train)
sk_mean, sk_sd = fixed.predict(x_grid[:, None], return_std=True)
print(f"hand vs scikit-learn: max |mean diff| {np.abs(mean - sk_mean).max():.1e}, "
      f"max |sd diff| {np.abs(sd - sk_sd).max():.1e}")
print(f"log marginal likelihood: hand {log_ml:.3f}, scikit-learn "
      f"{fixed.log_marginal_likelihood_value_:.3f}")
assert np.allclose(mean, sk_mean, rtol=0, atol=1e-10) and np.allclose(sd, sk_sd, rtol=0, atol=1e-10)
assert np.isclose(log_ml, fixed.log_marginal_likelihood_value_, rtol=0, atol=1e-8)

# %%
# Where the data are, the posterior is confident; in the gap it is less so; far away it
# returns to the prior (mean 0, standard deviation s).
near = np.abs(x_grid - 1.0).argmin()
gap = np.abs(x_grid - 3.0).argmin()
far = np.abs(x_grid - 8.0).argmin()
print(f"\nposterior sd: among data {sd[near]:.3f}, middle of the gap {sd[gap]:.3f}, "
      f"far away {sd[far]:.3f} (prior sd {scale})")
assert sd[near] < noise_sd < sd[gap] < sd[far]
assert abs(sd[far] - scale) < 0.05 and abs(mean[far]) < 0.1

# %%
# Hyper-parameters by maximising the log marginal likelihood: signal variance, length scale
# and noise level, starting from deliberately poor values.
kernel = ConstantKernel(1.0) * RBF(length_scale=3.0) + WhiteKernel(noise_level=1.0)
gp = GaussianProcessRegressor(kernel=kernel, n_restarts_optimizer=3, random_state=SEED)
gp.fit(x_train[:, None], y_train)
fitted_noise_sd = np.sqrt(gp.kernel_.k2.noise_level)
fitted_length = gp.kernel_.k1.k2.length_scale
print(f"\nfitted kernel: {gp.kernel_}")
print(f"  noise sd {fitted_noise_sd:.3f} (true {noise_sd}), length scale {fitted_length:.2f}, "
      f"log marginal likelihood {gp.log_marginal_likelihood_value_:.2f}")
assert abs(fitted_noise_sd - noise_sd) < 0.04
assert gp.log_marginal_likelihood_value_ > log_ml - 1e-6     # at least as good as our guess

# Calibration: 95 % predictive intervals for new noisy observations where data exist.
x_new = np.r_[rng.uniform(0, 2.5, 1200), rng.uniform(3.5, 5, 800)]
y_new = f(x_new) + rng.normal(0, noise_sd, x_new.size)
m_new, s_new = gp.predict(x_new[:, None], return_std=True)   # includes the fitted noise
coverage = np.mean(np.abs(y_new - m_new) < 1.96 * s_new)
print(f"  95 % predictive intervals cover {coverage:.3f} of {x_new.size} new observations")
assert 0.9 < coverage < 0.98      # near 95 %; the gap follows the error in the fitted noise

# %%
# Figure: samples from the prior, and the posterior with its 95 % band and samples.
fixed_unfit = GaussianProcessRegressor(kernel=ConstantKernel(scale**2, "fixed")
                                       * RBF(length, "fixed"), optimizer=None)
prior_samples = fixed_unfit.sample_y(x_grid[:, None], n_samples=4, random_state=SEED + 1)
post_samples = fixed.sample_y(x_grid[:, None], n_samples=4, random_state=SEED + 1)
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(10.0, 3.6), sharey=True,
    num="Left, four random smooth functions drawn from a Gaussian-process prior with an RBF "
        "kernel; right, the posterior after noisy observations: the mean follows the data, "
        "the 95 percent band is narrow where data exist, widens in the gap between 2.5 and "
        "3.5, and beyond the data the mean returns to zero and the band to the prior width",
)
ax1.plot(x_grid, prior_samples, lw=1)
ax1.set_title("prior samples", fontsize=9)
ax2.fill_between(x_grid, mean - 1.96 * sd, mean + 1.96 * sd, color="C0", alpha=0.2,
                 label="95 % band for f")
ax2.plot(x_grid, post_samples, lw=0.8, color="gray", alpha=0.7)
ax2.plot(x_grid, mean, color="C0", label="posterior mean")
ax2.plot(x_grid, f(x_grid), "k--", lw=1, label="true f")
ax2.scatter(x_train, y_train, s=10, color="C3", zorder=3, label="observations")
ax2.set_title("posterior", fontsize=9)
ax2.legend(fontsize=7, loc="upper left")
for ax in (ax1, ax2):
    ax.set_xlabel("x")
fig.tight_layout()
plt.show()
