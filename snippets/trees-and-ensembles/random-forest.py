"""What a random forest's main hyper-parameters do, measured on a synthetic problem.

1. max_features: fewer candidate features per split make each tree weaker but the trees
   more different from one another; the forest is best in between.
2. n_estimators: the test error falls and then levels off; more trees never hurt it.
3. min_samples_leaf: fully grown trees (leaf size 1) fit the training set perfectly and
   still generalise, because the averaging removes most of their variance.
"""

# %%
# Data: 40 features, of which 10 are informative and 10 are linear mixtures of those.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_classification(n_samples=1400, n_features=40, n_informative=10, n_redundant=10,
                           flip_y=0.03, random_state=SEED + 2)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED)
d = X.shape[1]


def tree_votes(forest, X):
    """Each tree's predicted probability of class 1 (rows: trees)."""
    return np.array([tree.predict_proba(X)[:, 1] for tree in forest.estimators_])


# %%
# max_features. Strength: mean test accuracy of one tree. Diversity: how often two trees
# disagree on a test point, and how many trees share the most common root feature.
settings = {1: "1", int(np.sqrt(d)): "sqrt(d)", d // 3: "d/3", d: "d (bagging)"}
stats = {}
print(f"{'max_features':<16} {'tree acc':>8} {'disagree':>9} {'same root':>9} {'forest acc':>10}")
for m, label in settings.items():
    forest = RandomForestClassifier(n_estimators=60, max_features=m, random_state=SEED).fit(X_tr, y_tr)
    votes = tree_votes(forest, X_te) > 0.5
    tree_acc = np.mean(votes == y_te)
    pairs = [(i, j) for i in range(0, 60, 3) for j in range(i + 1, 60, 3)]
    disagree = np.mean([np.mean(votes[i] != votes[j]) for i, j in pairs])
    roots = np.array([tree.tree_.feature[0] for tree in forest.estimators_])
    same_root = np.bincount(roots).max() / roots.size
    stats[m] = (tree_acc, disagree, same_root, forest.score(X_te, y_te))
    print(f"{m:>3} = {label:<11}{tree_acc:8.3f} {disagree:9.3f} {same_root:9.2f} {stats[m][3]:10.3f}")

ms = list(settings)
tree_accs, disagreements = [stats[m][0] for m in ms], [stats[m][1] for m in ms]
assert all(np.diff(tree_accs) > 0)          # more features per split: stronger trees ...
assert all(np.diff(disagreements) < 0)      # ... that agree more with each other
assert stats[d][2] > 2 * stats[int(np.sqrt(d))][2]   # bagging: many more trees share a root
best_forest = max(stats[int(np.sqrt(d))][3], stats[d // 3][3])
assert best_forest > stats[1][3] + 0.015   # too few features: trees too weak
if SEED == 0:                              # in this draw: bagging's root is nearly always the
    assert stats[d][2] > 0.8               # same, and all features make the trees too alike,
    assert stats[int(np.sqrt(d))][3] > stats[d][3]   # a small gap that other draws can reverse

# %%
# n_estimators. Grow 300 trees once and read off the error of the first k trees by averaging
# their probabilities (what predict_proba does).
n_trees = 150
forest = RandomForestClassifier(n_estimators=n_trees, max_features="sqrt", random_state=SEED + 1)
probs = tree_votes(forest.fit(X_tr, y_tr), X_te)
running = np.cumsum(probs, axis=0) / np.arange(1, n_trees + 1)[:, None]
err = np.mean((running > 0.5) != y_te, axis=1)
assert np.isclose(err[-1], 1 - forest.score(X_te, y_te), atol=0.003)
print(f"\nsqrt(d) forest test error: 1 tree {err[0]:.3f}, 10 trees {err[9]:.3f}, "
      f"100 trees {err[99]:.3f}, {n_trees} trees {err[-1]:.3f}")
assert err[0] > 1.5 * err[-1]
assert abs(err[99] - err[-1]) < 0.015                # levelled off
assert err[100:].max() - err[100:].min() < 0.025     # no upward drift from overfitting

# %%
# min_samples_leaf. Leaf size 1 means every tree fits its bootstrap sample perfectly.
print("\nmin_samples_leaf   train acc   test acc")
leaf_scores = {}
for leaf in (1, 5, 20):
    forest = RandomForestClassifier(n_estimators=30, min_samples_leaf=leaf, random_state=SEED)
    forest.fit(X_tr, y_tr)
    leaf_scores[leaf] = (forest.score(X_tr, y_tr), forest.score(X_te, y_te))
    print(f"{leaf:>16d} {leaf_scores[leaf][0]:11.3f} {leaf_scores[leaf][1]:10.3f}")
assert leaf_scores[1][0] > 0.995                    # (almost) memorises the training set ...
assert leaf_scores[1][1] > max(leaf_scores[5][1], leaf_scores[20][1]) - 0.015   # ... and generalises

# %%
# Figure: error against the number of trees, and strength against diversity.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(10.0, 3.6),
    num="Left, test error of a random forest falls steeply over the first few dozen trees and "
        "then stays flat, below the error of plain bagging over all features; right, as "
        "max_features grows single trees become more accurate but disagree less, and the "
        "forest is most accurate at the square root of the number of features",
)
ax1.plot(np.arange(1, n_trees + 1), err, label=f"max_features = {int(np.sqrt(d))}")
ax1.axhline(1 - stats[d][3], color="C1", ls="--", label="bagging, 60 trees")
ax1.set_xscale("log")
ax1.set_xlabel("number of trees")
ax1.set_ylabel("test error")
ax1.legend(fontsize=8)
ax2.plot(ms, tree_accs, "o-", label="single-tree accuracy")
ax2.plot(ms, [stats[m][3] for m in ms], "s-", label="forest accuracy")
ax2.plot(ms, disagreements, "^--", label="pairwise disagreement")
ax2.set_xscale("log")
ax2.set_xticks(ms, [str(m) for m in ms])
ax2.set_xlabel("max_features (of 40)")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
