"""Hypothesis tests by simulation: which test keeps its promised false-positive rate.

1. With the null true, a t-test rejects 5 % of the time at any n; a z-test that plugs in the
   sample standard deviation rejects far more often at small n.
2. Student's pooled t-test against Welch's when the groups differ in size and variance.
3. A chi-square test of independence on a contingency table, by hand and with SciPy, and its
   link to the two-proportion z-test.
"""

# %%
# 1. 20,000 experiments per sample size, each testing H0: mean = 0 on normal data for which H0
# is true. Reject when p < 0.05, two-sided. The z-test uses the normal distribution with the
# sample standard deviation, which is only right when n is large (or sigma is known).
import os
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
R, ALPHA = 20_000, 0.05
QUOTED = {5: 0.12, 10: 0.08, 30: 0.06}
print(f"{'n':>4} {'t-test FPR':>11} {'z-test FPR':>11} {'z-test exact':>13}")
for n in [5, 10, 30, 200]:
    x = rng.normal(0.0, 2.0, size=(R, n))
    t_res = stats.ttest_1samp(x, 0.0, axis=1)
    z = x.mean(axis=1) / (x.std(axis=1, ddof=1) / np.sqrt(n))
    p_z = 2 * stats.norm.sf(np.abs(z))
    fpr_t, fpr_z = np.mean(t_res.pvalue < ALPHA), np.mean(p_z < ALPHA)
    # Exact rate of the z-test: |T| > 1.96 where T has a t distribution with n - 1 df.
    exact_z = 2 * stats.t.sf(stats.norm.ppf(1 - ALPHA / 2), df=n - 1)
    print(f"{n:4d} {fpr_t:11.3f} {fpr_z:11.3f} {exact_z:13.3f}")
    assert abs(fpr_t - ALPHA) < 0.006                  # the t-test keeps its promise
    assert abs(fpr_z - exact_z) < 0.008
    if n in QUOTED:                                    # the rates the page quotes
        assert abs(exact_z - QUOTED[n]) < 0.003
    if n == 200:
        assert abs(fpr_z - ALPHA) < 0.006              # large n: z and t agree

# %%
# 2. Two groups with equal means (H0 true) but unequal sizes and spreads: 10 values with sd 3
# and 40 with sd 1. The pooled (Student) test assumes equal variances; Welch's does not.
a = rng.normal(0.0, 3.0, size=(R, 10))
b = rng.normal(0.0, 1.0, size=(R, 40))
fpr_student = np.mean(stats.ttest_ind(a, b, axis=1).pvalue < ALPHA)
fpr_welch = np.mean(stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue < ALPHA)
print(f"\nunequal variances, H0 true: Student FPR {fpr_student:.3f}, Welch FPR {fpr_welch:.3f}")
assert abs(fpr_student - 0.25) < 0.03 and abs(fpr_welch - ALPHA) < 0.01

# With equal variances and sizes (20 each, true difference 0.8 sd), Welch loses almost no power.
a, b = rng.normal(0.8, 1.0, size=(R, 20)), rng.normal(0.0, 1.0, size=(R, 20))
pow_student = np.mean(stats.ttest_ind(a, b, axis=1).pvalue < ALPHA)
pow_welch = np.mean(stats.ttest_ind(a, b, axis=1, equal_var=False).pvalue < ALPHA)
print(f"equal variances, true difference 0.8 sd: power Student {pow_student:.3f}, "
      f"Welch {pow_welch:.3f}")
assert 0 <= pow_student - pow_welch < 0.01           # (>= 0 always: same t, fewer df)

# %%
# 3. Chi-square test of independence: did the page variant change which of three actions users
# took? Expected counts under independence are row total x column total / grand total.
table = np.array([[120, 90, 290],     # variant A: bought, saved, left
                  [145, 88, 267]])    # variant B
expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / table.sum()
chi2 = ((table - expected) ** 2 / expected).sum()
dof = (table.shape[0] - 1) * (table.shape[1] - 1)
p = stats.chi2.sf(chi2, dof)
res = stats.chi2_contingency(table)
print(f"\n3-outcome table: chi2 = {chi2:.3f}, dof = {dof}, p = {p:.3f}; "
      f"SciPy chi2 = {res.statistic:.3f}, p = {res.pvalue:.3f}")
assert np.isclose(chi2, res.statistic) and np.isclose(p, res.pvalue) and dof == res.dof
assert expected.min() >= 5                            # the usual validity rule holds

# For a 2 x 2 table (bought or not), chi-square without Yates' correction is the square of
# the pooled two-proportion z statistic, and gives the same p-value.
t2 = np.column_stack([table[:, 0], table[:, 1:].sum(1)])
n_a, n_b = t2.sum(1)
p_a, p_b = t2[:, 0] / t2.sum(1)
pool = t2[:, 0].sum() / t2.sum()
z2 = (p_b - p_a) / np.sqrt(pool * (1 - pool) * (1 / n_a + 1 / n_b))
res2 = stats.chi2_contingency(t2, correction=False)
res2_yates = stats.chi2_contingency(t2)              # SciPy's default for 2 x 2 tables
print(f"2 x 2 table: z = {z2:.3f}, z^2 = {z2 ** 2:.3f}, chi2 = {res2.statistic:.3f}; "
      f"p two-sided {2 * stats.norm.sf(abs(z2)):.4f} vs {res2.pvalue:.4f}; "
      f"p one-sided (B > A) {stats.norm.sf(z2):.4f}; with Yates {res2_yates.pvalue:.4f}")
assert np.isclose(z2 ** 2, res2.statistic) and np.isclose(2 * stats.norm.sf(abs(z2)), res2.pvalue)
assert res2_yates.pvalue > res2.pvalue                # the correction is conservative
assert 0.065 < res2.pvalue < 0.075 and 0.035 < stats.norm.sf(z2) < 0.045  # sidedness decides
