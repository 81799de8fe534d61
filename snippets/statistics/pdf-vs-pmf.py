"""Probability mass against probability density: what each value means, why a density can exceed
1, how the CDF ties them together, and what this does to log-likelihoods of continuous data.
"""

# %%
# A PMF is a probability: for Poisson(3), P(X = k) matches the share of draws equal to k, every
# value is at most 1, and the values sum to 1.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import integrate, stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

poisson = stats.poisson(3)
counts = rng.poisson(3, size=100_000)
ks = np.arange(7)
freq = np.array([np.mean(counts == k) for k in ks])
print(" k   PMF P(X = k)   share of 100,000 draws")
for k in ks:
    print(f"{k:2d}   {poisson.pmf(k):12.4f}   {freq[k]:10.4f}")
assert np.all(np.abs(freq - poisson.pmf(ks)) < 0.006)
assert abs(poisson.pmf(np.arange(100)).sum() - 1) < 1e-12

# %%
# A PDF is not a probability. Uniform(0, 0.5) has density 2 on its whole range; a normal with
# sigma 0.1 peaks at 1 / (sigma sqrt(2 pi)), about 3.99. Both still integrate to 1.
uniform, normal = stats.uniform(0, 0.5), stats.norm(0, 0.1)
peak_formula = 1 / (0.1 * np.sqrt(2 * np.pi))
area_uniform = integrate.quad(uniform.pdf, 0, 0.5)[0]
area_normal = integrate.quad(normal.pdf, -np.inf, np.inf)[0]
print(f"\nUniform(0, 0.5): density {uniform.pdf(0.25):.3f}, integral {area_uniform:.6f}")
print(f"Normal(0, 0.1): peak density {normal.pdf(0):.3f} (formula {peak_formula:.3f}), "
      f"integral {area_normal:.6f}")
assert uniform.pdf(0.25) == 2.0 and abs(area_uniform - 1) < 1e-9
assert abs(normal.pdf(0) - peak_formula) < 1e-12 and 3.98 < peak_formula < 4.0
assert abs(area_normal - 1) < 1e-9
# A normal's peak exceeds 1 exactly when sigma < 1 / sqrt(2 pi), about 0.399. The Beta(1/2, 1/2)
# density is unbounded near 0 and 1 and still integrates to 1.
assert stats.norm(0, 0.398).pdf(0) > 1 > stats.norm(0, 0.400).pdf(0)
arcsine = stats.beta(0.5, 0.5)
assert arcsine.pdf(1e-8) > 1000 and abs(integrate.quad(arcsine.pdf, 0, 1)[0] - 1) < 1e-9

# %%
# What a density means: P(|X| < h / 2) is about f(0) h for a small width h. The probability
# shrinks to 0 with h (so P(X = 0) = 0), while probability / width tends to the density 3.99.
draws = normal.rvs(size=1_000_000, random_state=rng)
print(f"\n{'width h':>8} {'P(|X| < h/2)':>13} {'P / h':>7} {'simulated P / h':>16}")
ratio = {}
for h in [0.1, 0.01, 0.001]:
    p = normal.cdf(h / 2) - normal.cdf(-h / 2)
    simulated = np.mean(np.abs(draws) < h / 2) / h
    ratio[h] = p / h
    print(f"{h:>8} {p:>13.5f} {p / h:>7.3f} {simulated:>16.3f}")
    assert abs(simulated / ratio[h] - 1) < 0.1
assert abs(ratio[0.1] - 3.83) < 0.005 and abs(ratio[0.001] / peak_formula - 1) < 1e-4
# Differential entropy, -E[log f(X)], can be negative: about -0.88 here.
entropy = -normal.logpdf(draws).mean()
print(f"differential entropy: simulated {entropy:.3f}, scipy {normal.entropy():.3f}")
assert abs(entropy - normal.entropy()) < 0.01 and abs(normal.entropy() + 0.88) < 0.005
# The CDF links both: its derivative is the density, its jumps are the PMF.
eps, xs = 1e-6, np.linspace(-0.3, 0.3, 7)
slope = (normal.cdf(xs + eps) - normal.cdf(xs - eps)) / (2 * eps)
assert np.allclose(slope, normal.pdf(xs), rtol=1e-5)
assert np.allclose(poisson.cdf(ks) - poisson.cdf(ks - 1), poisson.pmf(ks), atol=1e-12)

# %%
# A mixed distribution: a ReLU of a standard normal is exactly 0 half the time (a point mass) and
# has the normal density above 0. Its mean needs both parts: 0 x 0.5 + integral of x phi(x) over
# x > 0, which is 1 / sqrt(2 pi), about 0.399.
relu = np.maximum(0, rng.normal(size=200_000))
mean_exact = integrate.quad(lambda x: x * stats.norm.pdf(x), 0, np.inf)[0]
print(f"\nReLU(Z): P(X = 0) simulated {np.mean(relu == 0):.4f}; mean simulated {relu.mean():.4f}, "
      f"exact {mean_exact:.4f}")
assert abs(mean_exact - 1 / np.sqrt(2 * np.pi)) < 1e-9
assert abs(np.mean(relu == 0) - 0.5) < 0.005 and abs(relu.mean() - mean_exact) < 0.006
# A non-linear change of variables moves a density's mode, not its quantiles: for X standard
# normal, the density of exp(X) peaks at exp(-1), about 0.37, not at exp(0) = 1, its median.
positive = np.linspace(0.01, 3, 300_001)
mode = positive[stats.lognorm(1).pdf(positive).argmax()]
median = np.median(np.exp(rng.normal(size=200_000)))
print(f"exp(X): density peaks at {mode:.3f}; median {median:.3f}")
assert abs(mode - np.exp(-1)) < 1e-3 and abs(median - 1) < 0.01

# %%
# Log-likelihoods of continuous data: 500 measurement errors with sigma 0.1 m. The densities are
# above 1, so the maximised log-likelihood is positive. In millimetres the same data and model
# give a negative one, shifted by exactly n log 1000; the Normal-Laplace gap is the same in both.
n = 500
metres = rng.normal(0, 0.1, size=n)
loglik = {}
for unit, data in [("m", metres), ("mm", 1000 * metres)]:
    for model in (stats.norm, stats.laplace):
        loglik[unit, model.name] = model.logpdf(data, *model.fit(data)).sum()
expected = n * (np.log(peak_formula) - 0.5)
print(f"\n{'unit':<5} {'normal':>10} {'Laplace':>10} {'gap':>7}")
for unit in ("m", "mm"):
    gap = loglik[unit, "norm"] - loglik[unit, "laplace"]
    print(f"{unit:<5} {loglik[unit, 'norm']:>10.1f} {loglik[unit, 'laplace']:>10.1f} {gap:>7.2f}")
    assert gap > 5  # the true model wins in either unit
assert abs(expected - 442) < 0.5
assert abs(loglik["m", "norm"] - expected) < 50
assert loglik["mm", "norm"] < 0
assert abs(loglik["m", "norm"] - loglik["mm", "norm"] - n * np.log(1000)) < 1e-6
assert abs((loglik["m", "norm"] - loglik["m", "laplace"])
           - (loglik["mm", "norm"] - loglik["mm", "laplace"])) < 1e-6
# Recorded to the nearest millimetre, the data are discrete: each value has a probability
# F(x + 0.0005) - F(x - 0.0005) at most 1, and the log-probability is close to the density
# log-likelihood in millimetres.
rounded = np.round(metres, 3)
fit = stats.norm(*stats.norm.fit(rounded))
log_prob = np.log(fit.cdf(rounded + 0.0005) - fit.cdf(rounded - 0.0005)).sum()
print(f"data rounded to 1 mm: log-probability {log_prob:.1f} (density in mm: "
      f"{loglik['mm', 'norm']:.1f})")
assert abs(log_prob - loglik["mm", "norm"]) < 1
# A density likelihood can be made as large as you like: add a mixture component of weight 0.01
# on one data point and shrink its sigma; every factor of 1000 adds log(1000), about 6.9.
mu, sigma = stats.norm.fit(metres)
widths = [1e-6, 1e-9, 1e-12, 1e-15]
spike = [np.log(0.99 * stats.norm.pdf(metres, mu, sigma)
                + 0.01 * stats.norm.pdf(metres, metres[0], s)).sum() for s in widths]
print(f"single normal: {loglik['m', 'norm']:.1f}; with a spike of sigma "
      + ", ".join(f"{w:.0e}: {v:.1f}" for w, v in zip(widths, spike)))
assert np.all(np.abs(np.diff(spike) - np.log(1000)) < 0.01)
assert spike[-1] > loglik["m", "norm"] + 10

# %%
# PMF and CDF of Poisson(3), density and CDF of Normal(0, 0.1).
fig, axes = plt.subplots(
    2, 2, figsize=(6.4, 4.8),
    num="Top left: the Poisson(3) mass function as bars, all below 0.25. Top right: the "
        "Normal(0, 0.1) density, a bell rising to about 4, well above a dashed line at 1. "
        "Bottom: their CDFs, a staircase that jumps at each integer and a smooth S-curve",
)
grid = np.arange(0, 11)
assert poisson.pmf(grid).max() < 0.25
axes[0, 0].vlines(grid, 0, poisson.pmf(grid), lw=3)
axes[0, 0].set(title="PMF: P(X = k)", ylim=(0, 1.1))
x = np.linspace(-0.4, 0.4, 400)
axes[0, 1].plot(x, normal.pdf(x))
axes[0, 1].axhline(1, ls="--", c="grey", lw=1)
axes[0, 1].set(title="PDF: f(x), not a probability")
axes[1, 0].step(grid, poisson.cdf(grid), where="post")
axes[1, 0].set(title="CDF jumps by the PMF", xlabel="k")
axes[1, 1].plot(x, normal.cdf(x))
axes[1, 1].set(title="CDF slope is the PDF", xlabel="x")
fig.tight_layout()
plt.show()
