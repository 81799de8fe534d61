"""Why the best cross-validation score of a search is optimistic, and what nested CV reports.

First the scikit-learn pattern on real data: GridSearchCV for tuning, wrapped in
cross_val_score for the outer loop. Then a simulation where the true accuracy is known to be
exactly 0.5 (labels are coin flips): the best score of a k-nearest-neighbour search beats chance
by more the more settings it tries, while nested CV stays near 0.5.
"""

# %%
# The pattern: an inner GridSearchCV chooses C; the outer loop scores the whole
# procedure "tune, then refit" on folds that the tuning never saw.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_breast_cancer(return_X_y=True)
grid = {"svc__C": [0.1, 1, 10, 100]}
search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), grid,
                      cv=StratifiedKFold(4, shuffle=True, random_state=SEED))
search.fit(X, y)
nested = cross_val_score(search, X, y, cv=StratifiedKFold(4, shuffle=True, random_state=SEED + 1))
print(f"breast cancer, 4 settings: best CV score {search.best_score_:.3f}, "
      f"nested CV {nested.mean():.3f} (folds {np.round(nested, 3)})")
assert abs(search.best_score_ - nested.mean()) < 0.01  # small gap: much data, few settings


# %%
# A fast k-NN "search" for the simulation: for one split, sort the training labels by distance
# to each test point once; the vote of the first k neighbours then gives the predictions of
# every k at the same time. Odd k only, so there are no ties.
def accuracy_per_k(X_tr, y_tr, X_te, y_te, ks):
    dist = ((X_te[:, None, :] - X_tr[None, :, :]) ** 2).sum(-1)
    labels = y_tr[np.argsort(dist, axis=1)]
    votes = np.cumsum(labels, axis=1)[:, ks - 1]            # positives among the first k
    pred = votes > ks / 2
    return (pred == y_te[:, None]).mean(axis=0)


def folds(y, k, rng):
    """Stratified folds: each class is shuffled and dealt out separately. (With plain folds,
    a test fold rich in one class leaves training poor in it, and k-NN scores drift below 0.5
    on random labels.)"""
    parts = [[] for _ in range(k)]
    for c in np.unique(y):
        for i, chunk in enumerate(np.array_split(rng.permutation(np.flatnonzero(y == c)), k)):
            parts[i].extend(chunk)
    return [np.array(p) for p in parts]


def cv_scores(X, y, ks, rng, n_folds=5):
    """Mean CV accuracy of every k in ks."""
    parts = folds(y, n_folds, rng)
    acc = []
    for i, test in enumerate(parts):
        train = np.concatenate([p for j, p in enumerate(parts) if j != i])
        acc.append(accuracy_per_k(X[train], y[train], X[test], y[test], ks))
    return np.mean(acc, axis=0)


def nested_scores(X, y, ks, grids, rng, n_outer=5, n_inner=5):
    """Outer CV of the procedure "choose k by inner CV on the outer training part", for each
    grid (a set of positions in ks). The inner scores of all k are computed once and shared."""
    parts = folds(y, n_outer, rng)
    acc = {g: [] for g in grids}
    for i, test in enumerate(parts):
        train = np.concatenate([p for j, p in enumerate(parts) if j != i])
        inner = cv_scores(X[train], y[train], ks, rng, n_inner)
        outer = accuracy_per_k(X[train], y[train], X[test], y[test], ks)
        for g, idx in grids.items():
            acc[g].append(outer[idx[np.argmax(inner[idx])]])
    return {g: np.mean(a) for g, a in acc.items()}


# %%
# Pure noise: 64 samples, 10 features, random labels, so every model's true accuracy is 0.5.
# Over 200 data sets, compare the best CV score of the search with the nested CV score,
# for searches over 1, 5 and 20 values of k (k = 5; k = 1, 3, ..., 9; k = 1, 3, ..., 39).
rng = np.random.default_rng(SEED)
n, d, n_sets = 64, 10, 200
ks = np.arange(1, 40, 2)
grids = {1: np.array([2]), 5: np.arange(5), 20: np.arange(20)}   # positions in ks
best = {g: [] for g in grids}
nest = {g: [] for g in grids}
for _ in range(n_sets):
    Xn = rng.normal(size=(n, d))
    yn = rng.permutation(np.r_[np.zeros(n // 2), np.ones(n // 2)]).astype(int)
    flat = cv_scores(Xn, yn, ks, rng)
    nested_by_grid = nested_scores(Xn, yn, ks, grids, rng)
    for g, idx in grids.items():
        best[g].append(flat[idx].max())
        nest[g].append(nested_by_grid[g])
best = {g: np.array(v) for g, v in best.items()}
nest = {g: np.array(v) for g, v in nest.items()}

print(f"\nrandom labels, true accuracy 0.5, mean over {n_sets} data sets")
print("settings tried   best CV score   nested CV score")
for g in grids:
    print(f"{g:>14}   {best[g].mean():>13.3f}   {nest[g].mean():>15.3f}")
# With one setting there is nothing to select, and both estimates are unbiased.
assert abs(best[1].mean() - 0.5) < 0.02 and abs(nest[1].mean() - 0.5) < 0.02
# The optimism of the best score grows with the number of settings tried.
assert best[1].mean() < best[5].mean() < best[20].mean()
assert best[20].mean() > 0.57
# Nested CV stays close to the truth whatever the grid size.
assert all(abs(nest[g].mean() - 0.5) < 0.02 for g in grids)

# %%
# Figure: the two estimates over the 200 noise data sets, for the 20-setting search.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Histograms over 200 random-label data sets: the best cross-validation score of a "
        "20-setting search is centred near 0.6, while nested cross-validation is centred on "
        "the true accuracy of 0.5",
)
bins = np.linspace(0.2, 0.85, 27)
ax.hist(nest[20], bins=bins, alpha=0.6, label="nested CV score", color="tab:blue")
ax.hist(best[20], bins=bins, alpha=0.6, label="best score of the search", color="tab:red")
ax.axvline(0.5, color="black", linestyle="--", linewidth=1, label="true accuracy")
ax.set_xlabel("estimated accuracy")
ax.set_ylabel("data sets")
ax.legend(frameon=False, loc="upper left")
fig.tight_layout()
plt.show()
