"""What a p-value is, and four things it is not, by simulation.

1. One two-sample comparison: the t-test p-value and a permutation p-value agree.
2. When the null hypothesis is true, p-values are uniform: 5 % fall below 0.05, whatever n is.
3. A p-value below 0.05 is not a 95 % chance that the effect is real: that depends on how
   many tested hypotheses are true and on power.
4. With enough data a negligible effect is "highly significant".
5. Peeking and stopping at the first p < 0.05 inflates the false-positive rate.
"""

# %%
# 1. Two groups of 40 (say, task times under two designs). The p-value is the probability,
# if both groups came from the same distribution, of a difference in means at least as large as
# the one observed. A permutation test computes exactly that by shuffling the group labels.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
a = rng.normal(10.0, 2.0, 40)
b = rng.normal(10.3, 2.0, 40)
t_res = stats.ttest_ind(a, b)
observed = abs(a.mean() - b.mean())
pooled = np.r_[a, b]
perm = np.array([rng.permutation(pooled) for _ in range(10_000)])
perm_diff = np.abs(perm[:, :40].mean(axis=1) - perm[:, 40:].mean(axis=1))
p_perm = (1 + np.sum(perm_diff >= observed)) / (1 + perm_diff.size)
print(f"difference in means {b.mean() - a.mean():.2f}: t-test p = {t_res.pvalue:.4f}, "
      f"permutation p = {p_perm:.4f}")
assert abs(t_res.pvalue - p_perm) < 0.01

# %%
# 2. 20,000 experiments in which the null is true (both groups identical), for n = 20 and
# n = 500 per group. The share of p < 0.05 is 5 % in both; the p-values are uniform.
p_null = {}
for n in (20, 500):
    x, y = rng.normal(size=(2, 20_000, n))
    p_null[n] = stats.ttest_ind(x, y, axis=1).pvalue
    print(f"null true, n = {n:3d}: share of p < 0.05 = {np.mean(p_null[n] < 0.05):.3f}, "
          f"share of p < 0.01 = {np.mean(p_null[n] < 0.01):.3f}")
    assert abs(np.mean(p_null[n] < 0.05) - 0.05) < 0.005
    assert stats.kstest(p_null[n], "uniform").pvalue > 0.001  # consistent with uniform

# %%
# 3. A field where 10 % of tested hypotheses are true effects, and the studies have about 50 %
# power (effect 0.4 standard deviations, 50 per group). Among the "significant" results, what
# share are false positives?
m, n, d = 20_000, 50, 0.4
real = rng.random(m) < 0.10
x = rng.normal(size=(m, n))
y = rng.normal(size=(m, n)) + d * real[:, None]
p = stats.ttest_ind(x, y, axis=1).pvalue
sig = p < 0.05
power = np.mean(sig[real])
false_share = np.mean(~real[sig])
expected = 0.9 * 0.05 / (0.9 * 0.05 + 0.1 * power)
print(f"\npower {power:.2f}; share of significant results where the null is true: "
      f"{false_share:.2f} (Bayes' theorem predicts {expected:.2f})")
assert 0.4 < power < 0.6
assert false_share > 0.4 and abs(false_share - expected) < 0.05

# %%
# 4. A negligible true effect (0.02 standard deviations) with 500,000 per group.
x = rng.normal(0.00, 1, 500_000)
y = rng.normal(0.02, 1, 500_000)
res = stats.ttest_ind(x, y)
diff = y.mean() - x.mean()
se = np.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
print(f"\nn = 500,000 per group: difference {diff:.4f} "
      f"(95 % CI {diff - 1.96 * se:.4f} to {diff + 1.96 * se:.4f}), p = {res.pvalue:.1e}")
assert res.pvalue < 1e-6 and diff < 0.05

# %%
# 5. Optional stopping: with no true effect, test after every 50 observations per group up to
# 1,000, and stop as soon as p < 0.05. Twenty looks at the data.
sims, step, looks = 4000, 50, 20
x = rng.normal(size=(sims, step * looks))
y = rng.normal(size=(sims, step * looks))
stopped = np.zeros(sims, dtype=bool)
for k in range(1, looks + 1):
    p_k = stats.ttest_ind(x[:, : k * step], y[:, : k * step], axis=1).pvalue
    stopped |= p_k < 0.05
print(f"optional stopping with {looks} looks: false-positive rate {stopped.mean():.2f} "
      f"(nominal 0.05)")
assert stopped.mean() > 0.15

# %%
# Figure: distribution of p-values when the null is true and when a real effect exists.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Histograms of p-values from 20,000 simulated experiments: flat when the null "
        "hypothesis is true, piled up near zero when a real effect exists",
)
bins = np.linspace(0, 1, 41)
ax.hist(p_null[20], bins=bins, density=True, alpha=0.6, label="null true (n = 20)")
ax.hist(p[real], bins=bins, density=True, alpha=0.6, label="real effect, about 50 % power")
ax.axvline(0.05, color="black", linestyle=":", linewidth=1, label="0.05")
ax.set_xlabel("p-value")
ax.set_ylabel("density")
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
