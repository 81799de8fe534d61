"""Stratified versus plain k-fold cross-validation on an imbalanced problem.

With 7 % positives and 10 folds of 30 samples, each test fold should hold about two
positives. Shuffled ``KFold`` leaves that to chance, so some folds get none and others get
twice the expected number; ``StratifiedKFold`` deals the positives out evenly. The program
counts positives per fold, measures how often plain k-fold produces a fold with no positives
at all, compares the spread of the fold scores, shows binned stratification for a regression
target, and checks which splitter scikit-learn picks when ``cv`` is an integer.
"""

# %%
# An imbalanced binary problem: 300 samples, 21 of them positive (7 %).
import os
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import PercentFormatter
from scipy.stats import hypergeom
from sklearn.datasets import load_diabetes, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, check_cv

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_classification(
    n_samples=300, n_features=10, n_informative=4, weights=[0.93], flip_y=0, random_state=SEED
)
n_splits = 10
rate = y.mean()
fold_size = len(y) // n_splits
print(f"samples {len(y)}, positives {y.sum()} ({rate:.1%}), "
      f"expected positives per fold {fold_size * rate:.1f}")
assert y.sum() == 21

# Under a random split, the positives in one test fold follow a hypergeometric
# law: 30 draws without replacement from 300 samples of which 21 are positive.
law = hypergeom(M=len(y), n=y.sum(), N=fold_size)
print(f"random fold: mean {law.mean():.1f}, std {law.std():.2f}, "
      f"P(no positives) {law.pmf(0):.2f}")
assert law.std() > 1 and 0.08 < law.pmf(0) < 0.12


# %%
# Positives in each test fold, for the two splitters with the same seed.
def positives_per_fold(cv, X, y):
    return np.array([y[test].sum() for _, test in cv.split(X, y)])


kf = KFold(n_splits, shuffle=True, random_state=SEED)
skf = StratifiedKFold(n_splits, shuffle=True, random_state=SEED)
pos_kf = positives_per_fold(kf, X, y)
pos_skf = positives_per_fold(skf, X, y)
print("\npositives per test fold (fold size 30)")
print(f"{'KFold':<16}", " ".join(f"{c:2d}" for c in pos_kf))
print(f"{'StratifiedKFold':<16}", " ".join(f"{c:2d}" for c in pos_skf))

# Stratified: every fold is within one sample of its expected count, and the
# counts differ by at most one between folds.
expected = fold_size * rate
assert np.all(np.abs(pos_skf - expected) < 1)
assert np.ptp(pos_skf) <= 1
# Plain k-fold, in this draw: three folds have no positive at all, others more than twice the
# expected number.
if SEED == 0:
    assert (pos_kf == 0).sum() == 3 and pos_kf.max() == 6 > 2 * expected

# %%
# How often does a shuffled KFold leave some fold without positives?  Try many seeds.
seeds = range(200)
empty_kf = np.mean([positives_per_fold(KFold(n_splits, shuffle=True, random_state=s), X, y).min() == 0
                    for s in seeds])
empty_skf = np.mean([positives_per_fold(StratifiedKFold(n_splits, shuffle=True, random_state=s),
                                        X, y).min() == 0 for s in seeds])
print(f"\nshare of 200 seeds with a fold that has no positives: "
      f"KFold {empty_kf:.0%}, StratifiedKFold {empty_skf:.0%}")
assert empty_kf > 0.4 and empty_skf == 0


# %%
# Spread of the fold accuracies of one model, averaged over 60 repetitions.
# Fewer swings in class mix mean fewer swings in the score.
def fold_scores(cv):
    scores = []
    for train, test in cv.split(X, y):
        model = LogisticRegression(solver="newton-cholesky").fit(X[train], y[train])
        scores.append(model.score(X[test], y[test]))
    return np.array(scores)


std_kf = np.mean([fold_scores(KFold(n_splits, shuffle=True, random_state=s)).std()
                  for s in range(60)])
std_skf = np.mean([fold_scores(StratifiedKFold(n_splits, shuffle=True, random_state=s)).std()
                   for s in range(60)])
print(f"mean std of fold accuracy:  KFold {std_kf:.3f}, StratifiedKFold {std_skf:.3f}")
assert std_skf < 0.95 * std_kf

# %%
# Regression: stratify on quantile bins of the target.  The fold means of y
# then agree much more closely than with plain shuffled k-fold.
Xd, yd = load_diabetes(return_X_y=True)
bins = np.digitize(yd, np.quantile(yd, [0.2, 0.4, 0.6, 0.8]))
range_kf = np.mean([np.ptp([yd[te].mean() for _, te in
                            KFold(5, shuffle=True, random_state=s).split(Xd)]) for s in range(20)])
range_bin = np.mean([np.ptp([yd[te].mean() for _, te in
                             StratifiedKFold(5, shuffle=True, random_state=s).split(Xd, bins)])
                     for s in range(20)])
print(f"diabetes, range of fold means of y: KFold {range_kf:.1f}, binned stratified {range_bin:.1f}")
assert range_bin < 0.5 * range_kf

# %%
# What scikit-learn does with cv=5: check_cv is what cross_val_score and
# GridSearchCV call.  Classifiers get StratifiedKFold (not shuffled),
# regressors get KFold.
cv_clf = check_cv(5, y, classifier=True)
cv_reg = check_cv(5, yd, classifier=False)
print(f"\ncv=5 for a classifier -> {cv_clf}")
print(f"cv=5 for a regressor  -> {cv_reg}")
assert isinstance(cv_clf, StratifiedKFold) and not cv_clf.shuffle
assert type(cv_reg) is KFold

# %%
# Figure: share of positives in each test fold, for both splitters.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Bar chart of the share of positives in each of ten test folds; "
        "stratified folds all sit near the overall 7 percent, plain k-fold folds range "
        "from zero to about twenty percent",
)
idx = np.arange(n_splits)
ax.bar(idx - 0.2, pos_kf / fold_size, width=0.4, label="KFold (shuffled)", color="tab:orange")
ax.bar(idx + 0.2, pos_skf / fold_size, width=0.4, label="StratifiedKFold", color="tab:blue")
ax.axhline(rate, color="black", linestyle="--", linewidth=1, label=f"overall rate {rate:.0%}")
ax.set_xticks(idx, [str(i + 1) for i in idx])
ax.set_xlabel("test fold")
ax.set_ylabel("share of positives")
ax.yaxis.set_major_formatter(PercentFormatter(1))
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
