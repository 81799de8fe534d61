"""Sample size and power for a two-group experiment, checked by simulation.

Computes the sample size for a difference in means and in conversion rates, checks the power
by simulating experiments, and shows three things that change the answer in practice:
peeking at interim results, variance reduction with a pre-experiment covariate (CUPED), and
the exaggerated effects that underpowered studies report.
"""

# %%
# Normal-approximation sample size per group for a two-sided test of a difference in means:
# n = 2 (z_{1-alpha/2} + z_{1-beta})^2 sigma^2 / delta^2.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

alpha, power = 0.05, 0.80
z_a, z_b = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)


def n_means(d):
    """Per-group n for standardised effect d = delta / sigma."""
    return int(np.ceil(2 * (z_a + z_b) ** 2 / d ** 2))


def exact_power(n, d):
    """Power of the two-sample t-test, from the noncentral t distribution."""
    df, nc = 2 * n - 2, d * np.sqrt(n / 2)
    t_crit = stats.t.ppf(1 - alpha / 2, df)
    wrong_tail = np.nan_to_num(stats.nct.cdf(-t_crit, df, nc))  # tiny; SciPy can return NaN
    return stats.nct.sf(t_crit, df, nc) + wrong_tail


print("effect d   n per group   exact t-test power")
for d in (0.5, 0.2, 0.1):
    n = n_means(d)
    print(f"{d:8.1f} {n:13,d} {exact_power(n, d):20.3f}")
    assert abs(exact_power(n, d) - power) < 0.01
assert n_means(0.2) == 393 and 3.9 < n_means(0.1) / n_means(0.2) < 4.1  # half the effect, 4x n
assert abs(2 * (z_a + z_b) ** 2 - 16) < 0.5          # Lehr's rule: n = 16 / d^2 per group

# Simulate 4000 experiments at d = 0.2 with n = 393 per group: the rejection rate is the power.
rng = np.random.default_rng(SEED)
n, sims = n_means(0.2), 4000
a = rng.normal(0.0, 1.0, size=(sims, n))
b = rng.normal(0.2, 1.0, size=(sims, n))
p_values = stats.ttest_ind(b, a, axis=1).pvalue
sim_power = np.mean(p_values < alpha)
print(f"simulated power at d = 0.2, n = {n}: {sim_power:.3f}")
assert abs(sim_power - 0.8) < 0.02


# %%
# Conversion rates: baseline 10 %, minimum detectable effect +1 point (10 % relative).
def n_proportions(p1, p2):
    p_bar = (p1 + p2) / 2
    num = (z_a * np.sqrt(2 * p_bar * (1 - p_bar))
           + z_b * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2
    return int(np.ceil(num / (p2 - p1) ** 2))


n_conv = n_proportions(0.10, 0.11)
n_conv_small = n_proportions(0.10, 0.105)
print(f"\nconversion 10% -> 11%: {n_conv:,} users per arm; 10% -> 10.5%: {n_conv_small:,}")
assert 14_700 < n_conv < 14_800 and 3.8 < n_conv_small / n_conv < 4.2

# %%
# Peeking: an A/A test (no effect) checked at 10 equally spaced looks, stopping at the first
# p < 0.05. The false positive rate is far above 5 %.
looks, n_total = 10, 1000
a = rng.normal(size=(sims, n_total))
b = rng.normal(size=(sims, n_total))
checkpoints = np.linspace(n_total // looks, n_total, looks).astype(int)
ever_significant = np.zeros(sims, dtype=bool)
for k in checkpoints:
    ever_significant |= stats.ttest_ind(a[:, :k], b[:, :k], axis=1).pvalue < alpha
final_only = np.mean(stats.ttest_ind(a, b, axis=1).pvalue < alpha)
print(f"\nA/A tests: false positive rate {final_only:.3f} at the planned end, "
      f"{ever_significant.mean():.3f} when stopping at any of {looks} looks")
assert abs(final_only - alpha) < 0.015 and abs(ever_significant.mean() - 0.19) < 0.03

# %%
# CUPED: adjust the outcome with a pre-experiment covariate x correlated rho = 0.7 with it.
# Var(y - theta x) = (1 - rho^2) Var(y), so the same power needs (1 - rho^2) of the sample.
rho = 0.7
n_cuped = int(np.ceil(n_means(0.2) * (1 - rho ** 2)))
x_a, x_b = rng.normal(size=(sims, n_cuped)), rng.normal(size=(sims, n_cuped))
y_a = rho * x_a + np.sqrt(1 - rho ** 2) * rng.normal(size=(sims, n_cuped))
y_b = 0.2 + rho * x_b + np.sqrt(1 - rho ** 2) * rng.normal(size=(sims, n_cuped))
x_all, y_all = np.hstack([x_a, x_b]), np.hstack([y_a, y_b])
theta = (((x_all - x_all.mean(1, keepdims=True)) * (y_all - y_all.mean(1, keepdims=True))).sum(1)
         / ((x_all - x_all.mean(1, keepdims=True)) ** 2).sum(1))[:, None]
raw = np.mean(stats.ttest_ind(y_b, y_a, axis=1).pvalue < alpha)
adjusted = np.mean(stats.ttest_ind(y_b - theta * x_b, y_a - theta * x_a, axis=1).pvalue < alpha)
print(f"\nCUPED, rho = {rho}: n = {n_cuped} per group (vs {n_means(0.2)}); power without "
      f"adjustment {raw:.2f}, with adjustment {adjusted:.2f}")
assert abs(adjusted - 0.8) < 0.03 and abs(raw - 0.52) < 0.04

# %%
# Underpowered studies exaggerate: at d = 0.2 with n = 50 per group (power about 0.17), the
# estimates that reach significance overstate the true effect by a factor of about 2.5.
n_small = 50
a = rng.normal(0.0, 1.0, size=(sims, n_small))
b = rng.normal(0.2, 1.0, size=(sims, n_small))
res = stats.ttest_ind(b, a, axis=1)
sig = (res.pvalue < alpha) & (res.statistic > 0)
exaggeration = (b.mean(1) - a.mean(1))[sig].mean() / 0.2
print(f"\nn = {n_small}: power {np.mean(res.pvalue < alpha):.2f}, significant estimates "
      f"average {exaggeration:.1f} x the true effect")
assert exact_power(n_small, 0.2) < 0.2 and abs(exaggeration - 2.5) < 0.15

# %%
# Power curves: power against n per group for three effect sizes.
ns = np.unique(np.logspace(1, 3.6, 60).astype(int))
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Power of a two-sample t-test against sample size per group for effects of 0.5, 0.2 "
        "and 0.1 standard deviations; the 80 % line is reached near 63, 393 and 1,570 "
        "per group respectively")
for d in (0.5, 0.2, 0.1):
    ax.semilogx(ns, [exact_power(k, d) for k in ns], label=f"d = {d}")
    ax.plot(n_means(d), 0.8, "o", color="k", ms=4)
ax.axhline(0.8, color="0.5", ls="--", lw=1)
ax.set_xlabel("sample size per group")
ax.set_ylabel("power")
ax.legend(fontsize=8)
fig.tight_layout()
assert n_means(0.5) == 63 and n_means(0.1) == 1570
plt.show()
