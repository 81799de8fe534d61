"""Out-of-bag (OOB) error: how it is computed, how well it tracks test error, and when it lies.

1. A bootstrap sample leaves out each row with probability (1 - 1/n)^n, about 1/e.
2. OOB error by hand from the trees' in-bag samples, matching scikit-learn's oob_score_,
   against a held-out test set and 5-fold cross-validation.
3. With few trees OOB is pessimistic: each row is voted on by only about a third of them.
4. With near-duplicate rows (groups), OOB error is far too optimistic.
"""

# %%
# Chance that a given row is missing from a bootstrap sample of size n.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score, train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
print("   n   (1 - 1/n)^n   simulated")
for n in (10, 100, 1000):
    exact = (1 - 1 / n) ** n
    draws = rng.integers(0, n, size=(500, n))
    left_out = np.mean([n - np.unique(row).size for row in draws]) / n
    print(f"{n:4d} {exact:13.4f} {left_out:11.4f}")
    assert abs(left_out - exact) < 0.01
assert abs((1 - 1 / 1000) ** 1000 - np.exp(-1)) < 0.001

# %%
# OOB error by hand. For each training row, average the predicted probabilities of only
# those trees whose bootstrap sample did not contain it, and score that prediction.
X, y = make_classification(n_samples=6000, n_features=20, n_informative=6, flip_y=0.05,
                           random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED)
n_trees = 150
forest = RandomForestClassifier(n_estimators=n_trees, oob_score=True, random_state=SEED)
forest.fit(X_tr, y_tr)

in_bag = np.zeros((n_trees, len(y_tr)), dtype=bool)
for t, rows in enumerate(forest.estimators_samples_):
    in_bag[t, rows] = True
proba = np.array([tree.predict_proba(X_tr)[:, 1] for tree in forest.estimators_])
votes = np.cumsum(np.where(in_bag, 0.0, proba), axis=0)       # OOB probability sums
counts = np.cumsum(~in_bag, axis=0)                           # OOB trees per row
oob_pred = votes[-1] / counts[-1] > 0.5
oob_error = np.mean(oob_pred != y_tr)
assert np.isclose(oob_error, 1 - forest.oob_score_)

test_error = 1 - forest.score(X_te, y_te)
cv_error = 1 - cross_val_score(RandomForestClassifier(n_estimators=100, random_state=SEED),
                               X_tr, y_tr, cv=5).mean()
print(f"\n{n_trees} trees: each row is out of bag for {counts[-1].mean():.0f} trees on average "
      f"({counts[-1].mean() / n_trees:.2f} of them)")
print(f"  OOB error {oob_error:.3f}   5-fold CV error {cv_error:.3f}   test error {test_error:.3f}")
assert abs(counts[-1].mean() / n_trees - np.exp(-1)) < 0.02
assert abs(oob_error - test_error) < 0.02 and abs(oob_error - cv_error) < 0.02

# %%
# With few trees, each row's OOB vote comes from only about 37 % of them, so it is a
# smaller, weaker ensemble than the forest itself and the OOB error is pessimistic.
# Rows with no OOB tree yet are left out of the estimate.
k_values = np.arange(5, n_trees + 1)
oob_curve, test_curve = [], []
proba_te = np.cumsum([tree.predict_proba(X_te)[:, 1] for tree in forest.estimators_], axis=0)
for k in k_values:
    has_vote = counts[k - 1] > 0
    oob_curve.append(np.mean((votes[k - 1, has_vote] / counts[k - 1, has_vote] > 0.5)
                             != y_tr[has_vote]))
    test_curve.append(np.mean((proba_te[k - 1] / k > 0.5) != y_te))
oob_curve, test_curve = np.array(oob_curve), np.array(test_curve)
print(f"  with 10 trees: OOB error {oob_curve[5]:.3f}, test error of the 10-tree forest "
      f"{test_curve[5]:.3f}")
assert oob_curve[5] > test_curve[5] + 0.02
late = k_values >= 50
assert np.abs(oob_curve[late] - test_curve[late]).max() < 0.025   # close once trees suffice

# %%
# Near-duplicates. Every underlying example appears 5 times with tiny jitter (think of several
# visits of one patient). A bootstrap sample almost surely contains a copy of every
# example, so the OOB prediction for a row has seen its twins; new examples have no twins.
base_X, base_y = make_classification(n_samples=600, n_features=20, n_informative=6,
                                     flip_y=0.2, random_state=SEED + 1)
train_ids = np.arange(300)                 # examples 300..599 are new, for testing
X_dup = np.repeat(base_X[train_ids], 5, axis=0) + rng.normal(0, 0.01, (1500, 20))
y_dup = np.repeat(base_y[train_ids], 5)
dup_forest = RandomForestClassifier(n_estimators=60, oob_score=True, random_state=SEED)
dup_forest.fit(X_dup, y_dup)
dup_oob = 1 - dup_forest.oob_score_
dup_test = 1 - dup_forest.score(base_X[300:], base_y[300:])
print(f"\nnear-duplicate rows: OOB error {dup_oob:.3f}, error on new examples {dup_test:.3f}")
assert dup_oob < 0.02 and dup_test > 0.1     # essentially zero, against far higher

# %%
# Figure: OOB error and test error against the number of trees.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Out-of-bag error and test error of a random forest against the number of trees: "
        "with few trees the out-of-bag error is clearly higher, and from a few dozen trees "
        "on the two curves run close together",
)
ax.plot(k_values, oob_curve, label="OOB error (training rows)")
ax.plot(k_values, test_curve, label="test error (held-out rows)")
ax.set_xscale("log")
ax.set_xlabel("number of trees")
ax.set_ylabel("error")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
