"""How a decision tree picks a split: impurity, impurity decrease and an exhaustive search.

1. Gini, entropy and misclassification error on a textbook pair of candidate splits.
2. A hand-written search over every feature and threshold of the breast-cancer data,
   checked against the root split of scikit-learn's DecisionTreeClassifier.
3. Regression trees: the squared-error criterion finds the step in a noisy step function.
4. Greediness: on XOR data no single split helps, so a depth-2 greedy tree misses the
   perfect depth-2 tree that exists.
"""

# %%
# Impurity of a node from its class counts. Gini is the chance that two labels drawn at
# random from the node disagree; entropy is measured in bits; misclassification error is
# the error of predicting the node's majority class.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def gini(counts):
    p = np.asarray(counts, float) / np.sum(counts)
    return 1.0 - np.sum(p**2)


def entropy(counts):
    p = np.asarray(counts, float) / np.sum(counts)
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def misclassification(counts):
    p = np.asarray(counts, float) / np.sum(counts)
    return 1.0 - p.max()


def weighted_children(impurity, left, right):
    n_left, n_right = np.sum(left), np.sum(right)
    n = n_left + n_right
    return n_left / n * impurity(left) + n_right / n * impurity(right)


# Parent node with 400 samples of each class. Split A leaves both children 75 % pure;
# split B isolates a pure child of 200 and leaves a mixed child of 600.
splits = {"A": ([300, 100], [100, 300]), "B": ([200, 400], [200, 0])}
print("weighted impurity of the children")
print("split  misclassification   Gini  entropy (bits)")
scores = {}
for name, (left, right) in splits.items():
    scores[name] = [weighted_children(f, left, right) for f in (misclassification, gini, entropy)]
    print(f"  {name}          {scores[name][0]:.3f}        {scores[name][1]:.3f}     {scores[name][2]:.3f}")
assert np.isclose(scores["A"][0], 0.25) and np.isclose(scores["B"][0], 0.25)  # a tie for the error
assert np.isclose(scores["A"][1], 0.375) and np.isclose(scores["B"][1], 1 / 3)
assert scores["B"][1] < scores["A"][1] and scores["B"][2] < scores["A"][2]  # Gini and entropy prefer B

# %%
# Exhaustive search, as CART does it: for each feature, sort the values once, sweep the
# threshold from left to right while keeping running class counts, and score every midpoint
# between consecutive distinct values by the weighted Gini of the two children.
# scikit-learn casts X to float32 before it searches, so the hand search does the same:
# then both compute the midpoints of the same numbers and the thresholds agree to rounding.


def best_split(X, y, n_classes):
    n = len(y)
    best = (np.inf, None, None)
    curves = {}
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs, ys = X[order, j], y[order]
        left_counts = np.cumsum(np.eye(n_classes)[ys], axis=0)[:-1]   # left child after i+1 rows
        right_counts = left_counts[-1] + np.eye(n_classes)[ys[-1]] - left_counts
        n_left = np.arange(1, n)[:, None]
        g_left = 1 - np.sum((left_counts / n_left) ** 2, axis=1)
        g_right = 1 - np.sum((right_counts / (n - n_left)) ** 2, axis=1)
        child = (n_left[:, 0] * g_left + (n - n_left[:, 0]) * g_right) / n
        valid = xs[1:] > xs[:-1]                    # only between distinct values
        thresholds = (xs[1:] + xs[:-1]) / 2
        curves[j] = (thresholds[valid], child[valid])
        i = np.argmin(np.where(valid, child, np.inf))
        if child[i] < best[0]:
            best = (child[i], j, thresholds[i])
    return best, curves


data = load_breast_cancer()
X, y = data.data.astype(np.float32).astype(np.float64), data.target
parent = gini(np.bincount(y))
(child_gini, feature, threshold), curves = best_split(X, y, 2)
n_candidates = sum(len(t) for t, _ in curves.values())

stump = DecisionTreeClassifier(max_depth=1, random_state=SEED).fit(X, y)
sk_feature, sk_threshold = stump.tree_.feature[0], stump.tree_.threshold[0]
sk_children = stump.tree_.impurity[1:3] @ stump.tree_.n_node_samples[1:3] / len(y)
print(f"\nbreast cancer: {X.shape[0]} rows, {X.shape[1]} features, {n_candidates:,} candidate splits")
print(f"  hand search : '{data.feature_names[feature]}' <= {threshold:.4f}, "
      f"Gini {parent:.3f} -> {child_gini:.3f}")
print(f"  scikit-learn: '{data.feature_names[sk_feature]}' <= {sk_threshold:.4f}, "
      f"Gini {stump.tree_.impurity[0]:.3f} -> {sk_children:.3f}")
assert feature == sk_feature
assert np.isclose(threshold, sk_threshold, rtol=1e-12, atol=0)
assert np.isclose(child_gini, sk_children)

# The entropy criterion scores the same candidates differently and need not agree.
stump_entropy = DecisionTreeClassifier(max_depth=1, criterion="entropy", random_state=SEED).fit(X, y)
ent_feature = stump_entropy.tree_.feature[0]
print(f"  entropy     : '{data.feature_names[ent_feature]}' <= {stump_entropy.tree_.threshold[0]:.4f}")
for name, tree in (("Gini", stump), ("entropy", stump_entropy)):
    print(f"    {name:<8} root split: training accuracy {tree.score(X, y):.3f}")
assert ent_feature != feature                                 # a different, correlated feature
assert abs(stump.score(X, y) - stump_entropy.score(X, y)) < 0.01  # almost the same partition

# %%
# Regression: the criterion is the squared error (variance) of each child around its mean,
# so the best split is the one that removes the most variance. On a noisy step at x = 0.3
# the root threshold lands next to the step.
rng = np.random.default_rng(SEED)
x_reg = rng.uniform(0, 1, 300)
y_reg = np.where(x_reg > 0.3, 2.0, 0.0) + rng.normal(0, 0.5, 300)
reg = DecisionTreeRegressor(max_depth=1, random_state=SEED).fit(x_reg[:, None], y_reg)
reg_threshold = reg.tree_.threshold[0]
leaf_values = reg.tree_.value[1:3, 0, 0]
print(f"\nregression stump on a step at 0.3: threshold {reg_threshold:.3f}, "
      f"leaf means {leaf_values[0]:.2f} and {leaf_values[1]:.2f}")
assert abs(reg_threshold - 0.3) < 0.03
assert abs(leaf_values[0] - 0.0) < 0.2 and abs(leaf_values[1] - 2.0) < 0.2

# %%
# Greediness. On XOR data (class = sign of x1 * x2) every single split leaves both children
# about half and half, so the best root split gains almost nothing and lands at a threshold
# chosen by noise. The tree cannot look ahead to see that "x1 <= 0, then x2 <= 0" is perfect.
X_xor = rng.uniform(-1, 1, size=(400, 2))
y_xor = (X_xor[:, 0] * X_xor[:, 1] > 0).astype(int)
(xor_child, _, xor_threshold), _ = best_split(X_xor, y_xor, 2)
xor_parent = gini(np.bincount(y_xor))
greedy = DecisionTreeClassifier(max_depth=2, random_state=SEED).fit(X_xor, y_xor)
greedy_acc = greedy.score(X_xor, y_xor)
ideal_acc = np.mean(((X_xor[:, 0] > 0) == (X_xor[:, 1] > 0)) == y_xor)
deep_depth = DecisionTreeClassifier(random_state=SEED).fit(X_xor, y_xor).get_depth()
print(f"\nXOR: best root split gains {xor_parent - xor_child:.3f} Gini "
      f"(threshold {xor_threshold:+.2f})")
print(f"  greedy depth-2 tree training accuracy {greedy_acc:.3f}; "
      f"the best depth-2 tree gets {ideal_acc:.3f}")
print(f"  an unrestricted greedy tree needs depth {deep_depth} to fit the same data")
assert xor_parent - xor_child < 0.05
assert ideal_acc == 1.0 and greedy_acc < 0.9
assert deep_depth > 2

# %%
# Left: the three impurity measures for a two-class node. Right: the weighted Gini of the
# children for every threshold of the chosen feature; the search takes the minimum.
p = np.linspace(0, 1, 201)
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 3.4),
    num="Left, Gini, entropy and misclassification error of a two-class node peak when the "
        "classes are equal and vanish when the node is pure, with entropy the most and "
        "misclassification the least curved; right, the weighted Gini of the children for "
        "every threshold of the best breast-cancer feature, lowest at the chosen threshold",
)
ax1.plot(p, [gini([q, 1 - q]) for q in p], label="Gini")
ax1.plot(p, [entropy([q, 1 - q]) / 2 for q in p], label="entropy / 2 (bits)")
ax1.plot(p, [misclassification([q, 1 - q]) for q in p], label="misclassification")
ax1.set_xlabel("proportion of class 1 in the node")
ax1.set_ylabel("impurity")
ax1.legend(fontsize=8)
thresholds_best, child_best = curves[feature]
ax2.plot(thresholds_best, child_best, lw=1)
ax2.axhline(parent, color="gray", ls=":", label="parent Gini")
ax2.axvline(threshold, color="C3", ls="--", label=f"chosen threshold {threshold:.2f}")
ax2.set_xlabel(data.feature_names[feature])
ax2.set_ylabel("weighted Gini of the children")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
