"""The central limit theorem by simulation: how fast it kicks in, when it fails, and how it gives
error bars for a test-set metric.
"""

# %%
# Means of n draws from a skewed distribution (exponential, mean 1, sd 1). The standard deviation
# of the mean shrinks like 1 / sqrt(n) and its skewness like 2 / sqrt(n): the shape approaches a
# normal distribution, quickly in the centre and slowly in the tails.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
R = 20_000
means, coverage = {}, {}
print(f"{'n':>5} {'sd of mean':>11} {'1/sqrt(n)':>10} {'skewness':>9} {'2/sqrt(n)':>10}"
      f" {'normal 95% CI covers':>21}")
for n in [1, 5, 30, 200]:
    x = rng.exponential(1.0, size=(R, n))
    m = x.mean(axis=1)
    means[n] = m
    # A textbook interval mean +- 1.96 s / sqrt(n), relying on the CLT.
    if n > 1:
        half = 1.96 * x.std(axis=1, ddof=1) / np.sqrt(n)
        cover = np.mean(np.abs(m - 1.0) < half)
        cover_txt = f"{cover:21.3f}"
    else:
        cover_txt = f"{'-':>21}"
    skew = stats.skew(m)
    print(f"{n:5d} {m.std():11.3f} {1 / np.sqrt(n):10.3f} {skew:9.2f} {2 / np.sqrt(n):10.2f}"
          f"{cover_txt}")
    assert abs(m.std() * np.sqrt(n) - 1) < 0.03
    assert abs(skew - 2 / np.sqrt(n)) < 0.15
    if n > 1:
        coverage[n] = cover
# Skewed data: "n = 30 is enough" is not true for the tails; the interval still undercovers.
assert abs(coverage[5] - 0.81) < 0.015 and abs(coverage[30] - 0.92) < 0.01
assert abs(coverage[200] - 0.945) < 0.01

# %%
# When the variance is infinite the theorem does not apply. The mean of n standard Cauchy draws
# is itself standard Cauchy: averaging 1000 values is no more precise than one.
iqr = {}
for n in [10, 1000]:
    c = rng.standard_cauchy(size=(5_000, n)).mean(axis=1)
    iqr[n] = np.subtract(*np.percentile(c, [75, 25]))
print(f"\nCauchy: interquartile range of the sample mean, n = 10: {iqr[10]:.2f}, "
      f"n = 1000: {iqr[1000]:.2f} (one draw: 2.00)")
assert abs(iqr[1000] / iqr[10] - 1) < 0.15 and abs(iqr[1000] - 2) < 0.2

# %%
# In ML: test accuracy is a mean of 0/1 correctness indicators, so by the CLT it is roughly
# normal with standard error sqrt(acc (1 - acc) / n). With 500 test examples and true accuracy
# 0.90, a 95 % interval spans about +-2.6 percentage points.
n_test, acc = 500, 0.90
observed = rng.binomial(n_test, acc, size=R) / n_test
se = np.sqrt(acc * (1 - acc) / n_test)
print(f"\naccuracy on {n_test} test examples: simulated sd {observed.std():.4f}, "
      f"CLT standard error {se:.4f}, 95 % half-width {1.96 * se:.3f}")
assert abs(observed.std() / se - 1) < 0.03 and 0.025 < 1.96 * se < 0.027
# The normal approximation is poor near 0 or 1 with few errors: at 99 % accuracy on 100 examples
# the mean number of errors is 1, and the interval acc +- 1.96 se pokes above 100 %.
se_edge = np.sqrt(0.99 * 0.01 / 100)
assert 0.99 + 1.96 * se_edge > 1.0

fig, axes = plt.subplots(
    1, 3, figsize=(8.0, 2.8), sharey=True,
    num="Histograms of standardised means of n exponential draws for n = 1, 5 and 30, each with "
        "the standard normal curve: strongly skewed for n = 1, mildly skewed for n = 5, and "
        "close to the normal curve for n = 30",
)
z = np.linspace(-4, 4, 200)
for ax, n in zip(axes, [1, 5, 30]):
    standardised = (means[n] - 1.0) * np.sqrt(n)
    ax.hist(standardised, bins=np.linspace(-4, 4, 61), density=True, alpha=0.6)
    ax.plot(z, stats.norm.pdf(z), "k", lw=1)
    ax.set(title=f"n = {n}", xlabel="(mean - 1) x sqrt(n)")
axes[0].set_ylabel("density")
fig.tight_layout()
plt.show()
