"""Confidence intervals by simulation: what "95 %" promises, and when an interval breaks it.

1. Coverage of the t interval and of the normal (z) interval for a mean, at small and large n.
2. The 95 % is an average over intervals: narrow intervals cover less often than wide ones.
3. An interval for an accuracy near 100 %: the textbook Wald interval against Wilson's.
4. The bootstrap link: a percentile bootstrap interval for a mean is close to the t interval.
"""

# %%
# 1. 40,000 samples of size n from a normal distribution with mean 10 and sd 2. For each, build
# mean +- c * s / sqrt(n) with c from the t distribution (n - 1 df) or the normal (1.96), and
# count how often the interval contains the true mean.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
R, MU = 40_000, 10.0
print(f"{'n':>4} {'t crit':>7} {'t covers':>9} {'z covers':>9} {'z exact':>8}")
for n in [5, 50]:
    x = rng.normal(MU, 2.0, size=(R, n))
    m, se = x.mean(axis=1), x.std(axis=1, ddof=1) / np.sqrt(n)
    t_crit = stats.t.ppf(0.975, n - 1)
    cover_t = np.mean(np.abs(m - MU) <= t_crit * se)
    cover_z = np.mean(np.abs(m - MU) <= 1.96 * se)
    exact_z = 1 - 2 * stats.t.sf(1.96, n - 1)
    print(f"{n:4d} {t_crit:7.2f} {cover_t:9.3f} {cover_z:9.3f} {exact_z:8.3f}")
    assert abs(cover_t - 0.95) < 0.005 and abs(cover_z - exact_z) < 0.007
    if n == 5:
        assert abs(t_crit - 2.78) < 0.005 and abs(exact_z - 0.88) < 0.005
        m5, se5, t5, hit5 = m, se, t_crit, np.abs(m - MU) <= t_crit * se
    else:
        assert abs(cover_z - 0.95) < 0.01           # large n: z is fine

# %%
# 2. Split the n = 5 t intervals by width. Coverage is 95 % overall, but the narrower half
# covers less often and the wider half more: "this interval has a 95 % chance" is a misreading.
narrow = se5 < np.median(se5)
cov_narrow, cov_wide = hit5[narrow].mean(), hit5[~narrow].mean()
print(f"\nn = 5: coverage of the narrower half {cov_narrow:.3f}, wider half {cov_wide:.3f}")
assert abs(cov_narrow - 0.905) < 0.015 and cov_wide > 0.99

# %%
# 3. A model gets 97 of 100 test cases right. Exact coverage of two 95 % intervals for its true
# accuracy p = 0.97, summed over the binomial distribution of the number correct.
def wald(k, n, z=1.96):
    p = k / n
    h = z * np.sqrt(p * (1 - p) / n)
    return p - h, p + h


def wilson(k, n, z=1.96):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - h, centre + h


n_test, p_true = 100, 0.97
k = np.arange(n_test + 1)
pmf = stats.binom.pmf(k, n_test, p_true)
covers = {}
for name, f in [("Wald", wald), ("Wilson", wilson)]:
    lo, hi = f(k, n_test)
    covers[name] = pmf[(lo <= p_true) & (p_true <= hi)].sum()
lo, hi = wald(97, n_test)
print(f"\n97/100 correct: Wald [{lo:.3f}, {hi:.3f}], Wilson "
      f"[{wilson(97, n_test)[0]:.3f}, {wilson(97, n_test)[1]:.3f}]; true coverage at p = 0.97: "
      f"Wald {covers['Wald']:.3f}, Wilson {covers['Wilson']:.3f}")
assert hi > 1.0                                     # Wald pokes above 100 %
assert abs(covers["Wald"] - 0.80) < 0.01 and abs(covers["Wilson"] - 0.97) < 0.01

# %%
# 4. One sample of 30: the 95 % t interval and a percentile bootstrap interval (resample with
# replacement, take the 2.5th and 97.5th percentiles of the resampled means) nearly agree.
s = rng.normal(MU, 2.0, 30)
half = stats.t.ppf(0.975, 29) * s.std(ddof=1) / np.sqrt(30)
boot = s[rng.integers(0, 30, size=(10_000, 30))].mean(axis=1)
b_lo, b_hi = np.percentile(boot, [2.5, 97.5])
print(f"\nn = 30: t interval [{s.mean() - half:.2f}, {s.mean() + half:.2f}], "
      f"bootstrap [{b_lo:.2f}, {b_hi:.2f}]")
ratio = (b_hi - b_lo) / (2 * half)
print(f"bootstrap width / t width = {ratio:.3f}")
assert 0.90 < ratio < 0.97                          # a few per cent narrower: no t correction

# %%
# 5. Overlap is not a test: two estimates 3.0 apart, each with standard error 1.0. Their 95 %
# intervals overlap, yet the difference (standard error sqrt(2)) is significant at 5 %.
gap, se_each = 3.0, 1.0
overlap = gap < 2 * 1.96 * se_each
p_diff = 2 * stats.norm.sf(gap / np.hypot(se_each, se_each))
print(f"\nintervals overlap: {overlap}; p-value of the difference {p_diff:.3f}")
assert overlap and abs(p_diff - 0.034) < 0.001

# %%
# Figure: the first 40 t intervals at n = 5; those missing the true mean are drawn in red.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Forty 95 percent t intervals for a mean from samples of five, drawn as vertical bars "
        "around a horizontal line at the true mean; most cross the line, the few that miss it "
        "are red, and the intervals vary a lot in width",
)
i = np.arange(40)
miss = ~hit5[:40]
ax.vlines(i[~miss], (m5 - t5 * se5)[:40][~miss], (m5 + t5 * se5)[:40][~miss], color="tab:blue")
ax.vlines(i[miss], (m5 - t5 * se5)[:40][miss], (m5 + t5 * se5)[:40][miss], color="tab:red", lw=2)
ax.axhline(MU, color="black", lw=1)
ax.set(xlabel="sample", ylabel="95 % t interval, n = 5")
fig.tight_layout()
plt.show()
