"""Drill: a CART classification tree (Gini impurity, max_depth, min_samples_split) and predict.

The solution grows the tree recursively: at each node it scans every feature's sorted values
with cumulative class counts, picks the split with the lowest weighted Gini impurity, and stops
on a pure node, the depth limit, too few samples, or no possible split. The tests compare it with
scikit-learn's DecisionTreeClassifier on random data whose features take distinct grid values
(so thresholds are exact in float32, as scikit-learn stores them), node by node and prediction
by prediction, and check pure nodes, the depth limit, min_samples_split and an XOR pattern.
"""

# %%
# Imports; scikit-learn is the reference and appears only in the tests.
import os
from fractions import Fraction

import numpy as np
from sklearn.tree import DecisionTreeClassifier

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: a split search, a recursive builder and a predictor.
# --8<-- [start:solution]
def best_split(X: np.ndarray, y: np.ndarray, n_classes: int) -> tuple[int, float] | None:
    """The (feature, threshold) of the split with the lowest weighted Gini impurity, or None.

    y holds class indices 0..n_classes-1. Candidate thresholds are midpoints between consecutive
    distinct sorted values, so both children are non-empty. Minimising the weighted child Gini
    is the same as maximising sum_k n_Lk^2 / n_L + sum_k n_Rk^2 / n_R (the parent's impurity is
    fixed). Ties go to the lowest feature index, then the lowest threshold. Returns None when
    every feature is constant on these rows. Time O(d n log n) for n rows and d features.
    """
    n, d = X.shape
    one_hot = np.eye(n_classes)[y]
    best_score, best = -np.inf, None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        left = np.cumsum(one_hot[order], axis=0)[:-1]  # class counts of the first i + 1 rows
        right = left[-1] + one_hot[order[-1]] - left
        n_left = np.arange(1, n)
        valid = xs[1:] > xs[:-1]  # a threshold must fall between two different values
        if not valid.any():
            continue
        score = (left**2).sum(axis=1) / n_left + (right**2).sum(axis=1) / (n - n_left)
        score[~valid] = -np.inf
        i = int(np.argmax(score))  # first maximum: the lowest threshold among ties
        if score[i] > best_score:
            threshold = xs[i] / 2.0 + xs[i + 1] / 2.0
            if threshold == xs[i + 1]:  # adjacent floats: keep the left value
                threshold = xs[i]
            best_score, best = score[i], (j, float(threshold))
    return best


def fit_tree(X: np.ndarray, y: np.ndarray, max_depth: int | None = None, min_samples_split: int = 2) -> dict:
    """Grow a CART classification tree on X (n, d) and labels y (n,).

    Returns the root node. Every node is a dict with "counts" (class counts, shape (C,)) and
    "value" (the majority label, lowest class on ties); an internal node also has "feature",
    "threshold", "left" (rows with x[feature] <= threshold) and "right". A node becomes a leaf
    when it is pure, its depth equals max_depth (the root has depth 0), it has fewer than
    min_samples_split rows, or no feature varies. A split is taken even if it does not lower the
    impurity (as scikit-learn does with min_impurity_decrease=0), which is what solves XOR.
    The label set is stored in the root under "classes".
    """
    classes, y_index = np.unique(y, return_inverse=True)

    def grow(rows: np.ndarray, depth: int) -> dict:
        counts = np.bincount(y_index[rows], minlength=len(classes))
        node = {"counts": counts, "value": classes[np.argmax(counts)]}
        if (np.count_nonzero(counts) == 1 or len(rows) < min_samples_split
                or (max_depth is not None and depth >= max_depth)):
            return node
        split = best_split(X[rows], y_index[rows], len(classes))
        if split is None:
            return node
        feature, threshold = split
        goes_left = X[rows, feature] <= threshold
        node.update(feature=feature, threshold=threshold,
                    left=grow(rows[goes_left], depth + 1), right=grow(rows[~goes_left], depth + 1))
        return node

    root = grow(np.arange(len(y)), 0)
    root["classes"] = classes
    return root


def predict_tree(tree: dict, X: np.ndarray) -> np.ndarray:
    """Predicted labels for the rows of X, shape (n,): each row follows the splits to a leaf."""
    out = np.empty(len(X), dtype=tree["classes"].dtype)

    def route(node: dict, rows: np.ndarray) -> None:
        if "feature" not in node:
            out[rows] = node["value"]
            return
        goes_left = X[rows, node["feature"]] <= node["threshold"]
        route(node["left"], rows[goes_left])
        route(node["right"], rows[~goes_left])

    route(tree, np.arange(len(X)))
    return out
# --8<-- [end:solution]


# %%
# The tests: the worked example, node-by-node agreement with scikit-learn, and stopping rules.
# --8<-- [start:tests]
def depth_and_leaves(node):
    """(depth, number of leaves) of a tree in the dict format of fit_tree."""
    if "feature" not in node:
        return 0, 1
    (dl, ll), (dr, lr) = depth_and_leaves(node["left"]), depth_and_leaves(node["right"])
    return 1 + max(dl, dr), ll + lr


def weighted_gini(y, goes_left):
    """Weighted Gini impurity of a split, as an exact fraction (independent of the solution)."""
    total = Fraction(0)
    for side in (y[goes_left], y[~goes_left]):
        _, counts = np.unique(side, return_counts=True)
        total += len(side) * (1 - sum(Fraction(int(c), len(side)) ** 2 for c in counts))
    return total / len(y)


def compare_with_sklearn(node, sk_tree, X, y, i=0, rows=None, tied=None):
    """Walk both trees together. Where the splits differ, require an exact tie in weighted Gini
    (scikit-learn visits features in a random order, so it may take another of the tied splits)
    and record scikit-learn's node id in `tied`. Returns False on any other difference."""
    rows = np.arange(len(y)) if rows is None else rows
    is_leaf = sk_tree.children_left[i] == -1
    if is_leaf or "feature" not in node:
        return is_leaf and "feature" not in node
    f, t = int(sk_tree.feature[i]), sk_tree.threshold[i]
    if (node["feature"], node["threshold"]) != (f, t):
        mine = weighted_gini(y[rows], X[rows, node["feature"]] <= node["threshold"])
        tied.append(i)
        return mine == weighted_gini(y[rows], X[rows, f] <= t)
    goes_left = X[rows, f] <= t
    return (compare_with_sklearn(node["left"], sk_tree, X, y, sk_tree.children_left[i], rows[goes_left], tied)
            and compare_with_sklearn(node["right"], sk_tree, X, y, sk_tree.children_right[i], rows[~goes_left], tied))


def test_worked_example():
    X = np.array([[2.0, 1.0], [3.0, 4.0], [1.0, 5.0], [6.0, 2.0], [7.0, 6.0], [8.0, 3.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    tree = fit_tree(X, y)
    pred = predict_tree(tree, np.array([[0.0, 9.0], [4.4, 0.0], [4.6, 0.0], [10.0, 1.0]]))
    print(f"  root split: feature {tree['feature']} <= {tree['threshold']}; predictions {pred}")
    assert (tree["feature"], tree["threshold"]) == (0, 4.5)
    assert "feature" not in tree["left"] and "feature" not in tree["right"]  # both children pure
    assert pred.tolist() == [0, 0, 1, 1]


def grid_data(rng, n, d, n_classes):
    """Features on a grid of 4,096 values k / 64 (exact in float32); labels from a noisy rule."""
    X = rng.integers(0, 4096, size=(n, d)) / 64.0
    logits = (X - 32.0) @ rng.normal(0, 0.2, (d, n_classes)) + rng.gumbel(size=(n, n_classes))
    return X, np.argmax(logits, axis=1)


def test_matches_sklearn_on_random_data():
    n_trees, n_identical = 0, 0
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, n_classes, max_depth, min_split in [(200, 3, 2, 3, 2), (400, 5, 3, 4, 20),
                                                      (300, 8, 4, 2, 2), (500, 4, 3, 5, 40)]:
            X, y = grid_data(rng, n, d, n_classes)
            X_new = grid_data(rng, 1000, d, n_classes)[0]
            tree = fit_tree(X, y, max_depth=max_depth, min_samples_split=min_split)
            ref = DecisionTreeClassifier(max_depth=max_depth, min_samples_split=min_split,
                                         random_state=seed).fit(X, y)
            tied = []
            assert compare_with_sklearn(tree, ref.tree_, X, y, tied=tied), "a split that is not a tie differs"
            n_trees += 1
            if not tied:  # no tie on the way: the very same tree
                n_identical += 1
                assert depth_and_leaves(tree) == (ref.get_depth(), ref.get_n_leaves())
                assert np.mean(predict_tree(tree, X) == y) == ref.score(X, y)
            # Every point whose path avoids the tied nodes gets the same prediction.
            for Z in (X, X_new):
                clear = np.asarray(ref.decision_path(Z)[:, tied].sum(axis=1)).ravel() == 0
                assert np.array_equal(predict_tree(tree, Z[clear]), ref.predict(Z[clear]))
    print(f"  {n_identical} of {n_trees} trees identical to scikit-learn's; "
          f"{n_trees - n_identical} differ only below exactly tied splits")
    assert n_identical > n_trees / 2


def test_full_tree_fits_training_data_like_sklearn():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(150, 4))  # continuous: no two rows equal
        y = rng.integers(0, 3, 150)    # pure noise: the tree has to memorise
        tree = fit_tree(X, y)
        ref = DecisionTreeClassifier(random_state=seed).fit(X, y)
        accuracy = np.mean(predict_tree(tree, X) == y)
        assert accuracy == 1.0 and ref.score(X, y) == 1.0


def test_pure_node_depth_limit_and_min_samples_split():
    rng = np.random.default_rng(SEED)
    X, y = grid_data(rng, 300, 4, 3)
    one_class = fit_tree(X, np.full(300, 7))  # a pure root is a leaf
    assert "feature" not in one_class and one_class["value"] == 7
    for max_depth in (0, 1, 2, 5):
        assert depth_and_leaves(fit_tree(X, y, max_depth=max_depth))[0] <= max_depth
    assert "feature" in fit_tree(X, y, min_samples_split=300)       # 300 rows: may split
    assert "feature" not in fit_tree(X, y, min_samples_split=301)   # fewer than 301: leaf
    constant = fit_tree(np.ones((10, 2)), np.arange(10) % 2)        # no split possible
    assert "feature" not in constant and constant["value"] == 0     # tie: lowest class
    assert np.array_equal(predict_tree(constant, np.zeros((3, 2))), [0, 0, 0])


def test_zero_gain_split_solves_xor():
    # Every first split of XOR leaves the impurity at 0.5; a tree that refuses zero-gain splits
    # stops at the root with accuracy 0.5. Depth 2 must fit it exactly, as scikit-learn does.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 5)
    y = np.array([0, 1, 1, 0] * 5)
    tree = fit_tree(X, y, max_depth=2)
    ref = DecisionTreeClassifier(max_depth=2, random_state=SEED).fit(X, y)
    assert np.mean(predict_tree(tree, X) == y) == 1.0 == ref.score(X, y)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
