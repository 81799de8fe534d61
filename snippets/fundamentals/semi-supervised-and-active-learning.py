"""Semi-supervised and active learning when labels are scarce.

1. Two moons, 600 points, 6 labels: a supervised SVM on the labels alone against label
   spreading, which also uses the 594 unlabelled points.
2. Active learning: uncertainty sampling against random sampling at the same label budget, and
   the price: the actively chosen labels are not a representative sample.
"""

# %%
# Imports and the one seed everything derives from.
import os

import numpy as np
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.semi_supervised import LabelSpreading
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def few_labels(y, per_class):
    """Indices of `per_class` randomly chosen labelled points per class."""
    return np.concatenate([rng.choice(np.flatnonzero(y == c), per_class, replace=False)
                           for c in np.unique(y)])


def compare(X, y, X_test, y_test, per_class, repeats=10):
    """Mean test accuracy of a supervised SVM and of label spreading over label draws."""
    acc = np.zeros((repeats, 2))
    for r in range(repeats):
        lab = few_labels(y, per_class)
        y_semi = np.full_like(y, -1)                      # -1 marks "unlabelled" in sklearn
        y_semi[lab] = y[lab]
        sup = SVC(gamma=2.0).fit(X[lab], y[lab])
        spread = LabelSpreading(kernel="rbf", gamma=100, alpha=0.2, max_iter=2000).fit(X, y_semi)
        acc[r] = [m.score(X_test, y_test) for m in (sup, spread)]
    return acc.mean(axis=0)


# %%
# 1. Two moons: the classes are separated by a low-density gap (the cluster assumption holds),
# so the unlabelled points show where the boundary must go.
X, y = make_moons(600, noise=0.07, random_state=SEED)
X_te, y_te = make_moons(1000, noise=0.07, random_state=SEED + 1)
moons = compare(X, y, X_te, y_te, per_class=3)
print("test accuracy, mean over 10 draws of the labelled points")
print(f"{'data':<22}{'supervised SVM':>15}{'label spreading':>16}")
print(f"{'moons, 6 labels':<22}" + f"{moons[0]:>15.3f}{moons[1]:>16.3f}")
assert moons[1] > 0.88 and moons[1] - moons[0] > 0.05     # spreading: a clear gain

# %%
# 2. Active learning on a 10-feature linear problem with some label noise: start from 10 labels,
# then buy 5 at a time, at random or where the model is least sure (probability nearest 0.5).
X = rng.normal(size=(3000, 10))
w_true = rng.normal(size=10)
w_true /= np.linalg.norm(w_true)
y = (X @ w_true + 0.3 * rng.normal(size=3000) > 0).astype(int)
pool, test = np.arange(2000), np.arange(2000, 3000)
budgets, runs = range(10, 81, 5), 10
curves = {"random": np.zeros((runs, len(budgets))), "uncertainty": np.zeros((runs, len(budgets)))}
margin = {"random": [], "uncertainty": []}
for r in range(runs):
    start = few_labels(y[pool], 5)
    for name in curves:
        lab = list(start)
        for b_i, budget in enumerate(budgets):
            model = LogisticRegression(C=1.0).fit(X[lab], y[lab])
            curves[name][r, b_i] = model.score(X[test], y[test])
            rest = np.setdiff1d(pool, lab)
            if name == "random":
                lab += list(rng.choice(rest, 5, replace=False))
            else:
                p = model.predict_proba(X[rest])[:, 1]
                lab += list(rest[np.argsort(np.abs(p - 0.5))[:5]])
        # how far the labelled points sit from the true boundary x . w_true = 0
        margin[name].append(np.abs(X[lab] @ w_true).mean())
rand, unc = curves["random"].mean(axis=0), curves["uncertainty"].mean(axis=0)
print(f"\n{'labels':>7}{'random':>9}{'uncertainty':>13}")
for b, a, u in zip(budgets, rand, unc):
    if b in (10, 20, 40, 80):
        print(f"{b:>7}{a:>9.3f}{u:>13.3f}")
m_r, m_u = np.mean(margin["random"]), np.mean(margin["uncertainty"])
gain = (unc - rand)[budgets.index(30):].mean()
print(f"mean gain of uncertainty sampling over 30-80 labels: {gain:+.3f}")
print(f"mean distance of labelled points to the true boundary: random {m_r:.2f}, "
      f"uncertainty {m_u:.2f}")
assert gain > 0.01 and np.all((unc - rand)[budgets.index(40):] > 0)   # same budget, better model
assert m_u < 0.5 * m_r          # the bought labels crowd the boundary: not a random sample
