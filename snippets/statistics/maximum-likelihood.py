"""Maximum likelihood estimation: closed forms, a numerical fit, its bias and its sampling spread.

Covers the Bernoulli and Gaussian closed forms, a numerical fit of a gamma distribution checked
against SciPy, the small-sample bias of the Gaussian variance estimate, the asymptotic standard
error from the Fisher information, and least squares as Gaussian maximum likelihood.
"""

# %%
# Bernoulli: with k successes in n trials the log-likelihood k log p + (n - k) log(1 - p) peaks
# at p = k / n. Its curvature at the peak (the observed Fisher information) gives the standard
# error: more data, sharper peak.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import optimize, stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
p_grid = np.linspace(0.01, 0.99, 981)
curves = {}
print("coin flips     MLE   numerical argmax   SE from curvature")
for k, n in [(7, 10), (70, 100)]:
    loglik = k * np.log(p_grid) + (n - k) * np.log(1 - p_grid)
    p_hat = k / n
    curv = k / p_hat**2 + (n - k) / (1 - p_hat) ** 2        # minus the second derivative
    se = 1 / np.sqrt(curv)
    curves[n] = loglik - loglik.max()
    print(f"{k:>3}/{n:<4} {p_hat:10.2f} {p_grid[np.argmax(loglik)]:18.2f} {se:19.3f}")
    assert abs(p_grid[np.argmax(loglik)] - p_hat) < 1e-3
    # The analytic curvature against a finite-difference second derivative of the curve.
    h = 1e-4
    ll = lambda p: k * np.log(p) + (n - k) * np.log(1 - p)
    assert np.isclose(curv, -(ll(p_hat + h) - 2 * ll(p_hat) + ll(p_hat - h)) / h**2, rtol=1e-4)

# %%
# Gaussian: the MLE of the variance divides by n, not n - 1, so it is biased low by a factor
# (n - 1) / n. It is still consistent: the bias vanishes as n grows.
sigma2 = 4.0
for n in [5, 50]:
    samples = rng.normal(0, np.sqrt(sigma2), size=(100_000, n))
    var_mle = samples.var(axis=1)                 # ddof=0: the MLE
    ratio = var_mle.mean() / sigma2
    print(f"Gaussian, n = {n:>2}: mean of MLE variance / true variance = {ratio:.3f} "
          f"(theory {(n - 1) / n:.3f})")
    assert abs(ratio - (n - 1) / n) < 0.01

# %%
# No closed form: a gamma distribution's shape parameter. Minimise the negative log-likelihood
# numerically (on log parameters, to keep them positive) and compare with SciPy's own fit.
data = rng.gamma(shape=2.5, scale=1.5, size=2000)


def nll(log_params):
    shape, scale = np.exp(log_params)
    return -np.sum(stats.gamma.logpdf(data, a=shape, scale=scale))


res = optimize.minimize(nll, x0=np.zeros(2), method="Nelder-Mead",
                        options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 2000})
shape_hat, scale_hat = np.exp(res.x)
a_sp, _, scale_sp = stats.gamma.fit(data, floc=0)
print(f"\ngamma fit: shape {shape_hat:.3f}, scale {scale_hat:.3f} "
      f"(scipy.stats.gamma.fit: {a_sp:.3f}, {scale_sp:.3f}; true 2.5, 1.5)")
assert np.allclose([shape_hat, scale_hat], [a_sp, scale_sp], rtol=1e-3)
assert abs(shape_hat - 2.5) < 0.2 and abs(scale_hat - 1.5) < 0.15

# %%
# Asymptotic normality. For an exponential distribution with rate lam, the MLE is 1 / mean and
# the Fisher information per observation is 1 / lam^2, so the standard error is about
# lam / sqrt(n). Check the spread over many samples, and the coverage of the Wald interval
# lam_hat +- 1.96 lam_hat / sqrt(n).
lam, n = 2.0, 200
lam_hat = 1 / rng.exponential(1 / lam, size=(20_000, n)).mean(axis=1)
cover = np.mean(np.abs(lam_hat - lam) < 1.96 * lam_hat / np.sqrt(n))
print(f"\nexponential, n = {n}: sd of MLE {lam_hat.std():.4f}, "
      f"Fisher-information SE {lam / np.sqrt(n):.4f}, Wald 95 % coverage {cover:.3f}")
assert abs(lam_hat.std() / (lam / np.sqrt(n)) - 1) < 0.05
assert 0.93 < cover < 0.96

# %%
# Least squares is maximum likelihood under Gaussian noise: maximising the Gaussian
# log-likelihood over the weights (noise variance profiled out) gives the OLS solution.
X = np.c_[np.ones(300), rng.normal(size=(300, 2))]
y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(0, 0.7, 300)


def gaussian_nll(w):
    r = y - X @ w
    s2 = np.mean(r**2)                        # MLE of the variance for these weights
    return 0.5 * len(y) * (np.log(2 * np.pi * s2) + 1)


w_mle = optimize.minimize(gaussian_nll, np.zeros(3), method="BFGS").x
w_ols = np.linalg.lstsq(X, y, rcond=None)[0]
assert np.allclose(w_mle, w_ols, atol=1e-4)
print("Gaussian maximum likelihood weights = least-squares weights")

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Bernoulli log-likelihood curves, shifted so each peaks at zero, for 7 heads in 10 "
        "flips and 70 heads in 100: both peak at 0.7, and the curve for 100 flips is much "
        "narrower, meaning a smaller standard error",
)
for n, c in curves.items():
    ax.plot(p_grid, c, label=f"{int(0.7 * n)} heads in {n} flips")
ax.axvline(0.7, color="grey", lw=0.6)
ax.set(xlabel="p (probability of heads)", ylabel="log-likelihood minus its maximum",
       ylim=(-8, 0.5))
ax.legend()
fig.tight_layout()
plt.show()
