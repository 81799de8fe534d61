"""The bootstrap: standard errors and confidence intervals by resampling the data.

1. Bootstrap standard error of a mean against the textbook formula, and the 63.2 % rule.
2. Coverage of percentile intervals over many simulated data sets: close to 95 % for a mean,
   zero for the maximum of a uniform sample (a known failure).
3. An evaluation use: a confidence interval for a model's test accuracy, and a paired bootstrap
   for the difference between two models on the same test set.
"""

# %%
# 1. One skewed sample of 60 values. Resample it with replacement 5,000 times and take the
# standard deviation of the resampled means. It matches s / sqrt(n).
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
x = rng.lognormal(0.0, 1.0, 60)
idx = rng.integers(0, x.size, size=(5000, x.size))          # 5,000 bootstrap samples
boot_means = x[idx].mean(axis=1)
se_boot, se_formula = boot_means.std(ddof=1), x.std(ddof=1) / np.sqrt(x.size)
print(f"mean {x.mean():.3f}: bootstrap SE {se_boot:.3f}, formula s/sqrt(n) {se_formula:.3f}")
assert abs(se_boot / se_formula - 1) < 0.05

# About 63.2 % of the original points appear in each bootstrap sample (1 - 1/e for large n).
unique_share = np.mean([np.unique(row).size / x.size for row in idx])
print(f"share of distinct original points per bootstrap sample: {unique_share:.3f} "
      f"(1 - (1 - 1/n)^n = {1 - (1 - 1 / x.size) ** x.size:.3f})")
assert abs(unique_share - (1 - (1 - 1 / x.size) ** x.size)) < 0.01

# The same standard error with scipy, and a BCa interval, which corrects the percentile
# interval for bias and skewness.
res = stats.bootstrap((x,), np.mean, n_resamples=5000, method="BCa", random_state=rng)
pct = np.percentile(boot_means, [2.5, 97.5])
print(f"95 % percentile CI [{pct[0]:.3f}, {pct[1]:.3f}], BCa CI "
      f"[{res.confidence_interval.low:.3f}, {res.confidence_interval.high:.3f}]")
assert abs(res.standard_error / se_boot - 1) < 0.1
# The data are right-skewed, and BCa moves both endpoints to the right.
assert res.confidence_interval.low > pct[0] and res.confidence_interval.high > pct[1]


# %%
# 2. Coverage: repeat the whole procedure on 1,000 fresh data sets and count how often the 95 %
# percentile interval contains the true value.
def percentile_ci(sample, stat, b=1000):
    rows = sample[rng.integers(0, sample.size, size=(b, sample.size))]
    return np.percentile(stat(rows, axis=1), [2.5, 97.5])


true_mean = np.exp(0.5)                 # mean of lognormal(0, 1)
hits_mean = hits_max = 0
n_sets = 1000
for _ in range(n_sets):
    s = rng.lognormal(0.0, 1.0, 100)
    lo, hi = percentile_ci(s, np.mean)
    hits_mean += lo <= true_mean <= hi
    u = rng.uniform(0, 1, 100)          # true maximum of the distribution is 1
    lo, hi = percentile_ci(u, np.max)
    hits_max += lo <= 1.0 <= hi
print(f"\ncoverage of 95 % percentile intervals over {n_sets:,} data sets: mean of a skewed "
      f"distribution {hits_mean / n_sets:.3f}, maximum of a uniform {hits_max / n_sets:.3f}")
assert 0.88 <= hits_mean / n_sets < 0.95  # a little below nominal: the data are skewed
assert hits_max == 0                    # every resampled max is <= the sample max < 1

# %%
# 3. Two models, k-NN with 15 and with 5 neighbours, evaluated on the same 400 test cases of a
# problem with 10 % flipped labels (cases both models tend to get wrong). Resample test cases,
# not models, with replacement; for the difference, resample the same cases for both models
# (a paired bootstrap).
X, y = make_classification(n_samples=1000, n_features=10, n_informative=5, flip_y=0.1,
                           random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.4, stratify=y, random_state=SEED)
knn15 = make_pipeline(StandardScaler(), KNeighborsClassifier(15)).fit(X_tr, y_tr)
knn5 = make_pipeline(StandardScaler(), KNeighborsClassifier(5)).fit(X_tr, y_tr)
right_15, right_5 = knn15.predict(X_te) == y_te, knn5.predict(X_te) == y_te
b_idx = rng.integers(0, y_te.size, size=(10_000, y_te.size))
acc_15 = right_15[b_idx].mean(axis=1)
acc_5 = right_5[b_idx].mean(axis=1)
diff = acc_15 - acc_5                                # paired: same cases in both
ci_15 = np.percentile(acc_15, [2.5, 97.5])
ci_diff = np.percentile(diff, [2.5, 97.5])
unpaired_sd = np.sqrt(acc_15.var() + acc_5.var())
print(f"\ntest accuracy: 15-NN {right_15.mean():.3f} (95 % CI {ci_15[0]:.3f}-{ci_15[1]:.3f}), "
      f"5-NN {right_5.mean():.3f}")
print(f"difference {right_15.mean() - right_5.mean():+.3f}, paired 95 % CI "
      f"[{ci_diff[0]:+.3f}, {ci_diff[1]:+.3f}]; SD paired {diff.std():.4f}, "
      f"unpaired {unpaired_sd:.4f}")
assert ci_15[1] - ci_15[0] > 0.045                   # 400 cases: a wide interval
assert diff.std() < 0.8 * unpaired_sd                # pairing removes shared case difficulty
if SEED == 0:
    assert ci_diff[0] < 0 < ci_diff[1]               # in this draw, within noise

# %%
# Figure: bootstrap distribution of the paired accuracy difference, with its 95 % interval.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Histogram of 10,000 bootstrap replicates of the difference in test accuracy between "
        "k-nearest neighbours with 15 and with 5 neighbours on the same test cases, with the 95 "
        "percent percentile interval marked",
)
steps = np.rint(diff * y_te.size)                    # differences are multiples of 1/400
edges = (np.arange(steps.min(), steps.max() + 2) - 0.5) / y_te.size
ax.hist(diff, bins=edges, color="tab:blue", alpha=0.7)
for v in ci_diff:
    ax.axvline(v, color="black", linestyle="--", linewidth=1)
ax.axvline(0, color="tab:red", linewidth=1, label="no difference")
ax.set_xlabel("accuracy(15-NN) - accuracy(5-NN), bootstrap replicates")
ax.set_ylabel("count")
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
