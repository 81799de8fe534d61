"""Drill: k-means (Lloyd's algorithm) with k-means++ seeding, in NumPy.

The solution is checked against scikit-learn's KMeans started from the same centres (same labels,
centres and inertia), the seeding's two sampling rules are checked statistically over thousands of
draws, and an empty cluster is shown to be re-seeded instead of turning into NaN.
"""

# %%
# Imports; scikit-learn's KMeans is the reference and is used only in the tests.
import os
import warnings

import numpy as np
from _drill import run_tests
from sklearn.cluster import KMeans

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: D^2 seeding, then alternate assignment and update until the labels stop changing.
# --8<-- [start:solution]
def squared_distances(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances, shape (n, k), between the rows of X and of C.

    Uses ||x||^2 - 2 x.c + ||c||^2 (one matrix product) and clips the small negative values
    that rounding can produce.
    """
    d2 = (X**2).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


def kmeans_plus_plus(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Choose k initial centres among the rows of X (n, d) by k-means++ seeding.

    The first centre is a row drawn uniformly; each next one is a row drawn with probability
    proportional to its squared distance to the nearest centre chosen so far (D^2 sampling), so
    a row already chosen is never chosen again. If every row coincides with a chosen centre
    (fewer than k distinct rows), the next row is drawn uniformly. Returns an array (k, d).
    Raises ValueError unless 1 <= k <= n.
    """
    n = X.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"need 1 <= k <= n_samples, got k={k}, n={n}")
    centres = np.empty((k, X.shape[1]))
    first = rng.integers(n)
    centres[0] = X[first]
    d2 = ((X - X[first]) ** 2).sum(axis=1)
    for j in range(1, k):
        cumulative = np.cumsum(d2)
        if cumulative[-1] > 0:
            # Inverse-CDF draw: rows with d2 = 0 occupy an empty interval and are never drawn.
            i = int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
        else:
            i = int(rng.integers(n))
        centres[j] = X[i]
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return centres


def kmeans(X: np.ndarray, k: int, rng: np.random.Generator, init: np.ndarray | None = None,
           max_iter: int = 300) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd's k-means on X (n, d), started from init (k, d) or from kmeans_plus_plus.

    Repeats: assign each row to its nearest centre (ties to the lowest index); stop if no label
    changed; otherwise move each centre to the mean of its rows. A cluster left empty is
    re-seeded at the row farthest from its current centre (several empty clusters, in index
    order, take the farthest rows in decreasing order of distance); if every row sits on its
    centre, an empty cluster keeps its old centre. Returns (centres (k, d), labels (n,) int,
    inertia = sum of squared distances of the rows to their centres).
    """
    X = np.asarray(X, dtype=float)
    centres = kmeans_plus_plus(X, k, rng) if init is None else np.array(init, dtype=float)
    previous = None
    for _ in range(max_iter):
        labels = squared_distances(X, centres).argmin(axis=1)
        if previous is not None and np.array_equal(labels, previous):
            break
        previous = labels
        members = labels.copy()
        empty = np.flatnonzero(np.bincount(members, minlength=k) == 0)
        if empty.size:
            gap = ((X - centres[members]) ** 2).sum(axis=1)
            if gap.max() > 0:
                members[np.argsort(-gap, kind="stable")[: empty.size]] = empty
        sums = np.zeros_like(centres)
        np.add.at(sums, members, X)
        counts = np.bincount(members, minlength=k)
        filled = counts > 0
        centres[filled] = sums[filled] / counts[filled, None]
    else:
        labels = squared_distances(X, centres).argmin(axis=1)  # match the final centres
    inertia = float(((X - centres[labels]) ** 2).sum())
    return centres, labels, inertia
# --8<-- [end:solution]


# %%
# Tests: the worked example, scikit-learn with the same start, the sampling rules of the
# seeding, an empty cluster, and edge cases. Each test prints one line through run_tests.
# --8<-- [start:tests]
def sklearn_from(X, init):
    """scikit-learn's Lloyd iterations from the same centres, run to strict convergence (tol=0)."""
    model = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=0.0, max_iter=300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the "duplicate points" warning of the degenerate cases
        model.fit(X)
    return model


def test_worked_example():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    centres, labels, inertia = kmeans(X, 2, np.random.default_rng(SEED), init=X[[0, 2]])
    print(f"      centres {centres.tolist()}, labels {labels.tolist()}, inertia {inertia}")
    np.testing.assert_allclose(centres, [[0.0, 0.5], [10.0, 0.5]])
    assert labels.tolist() == [0, 0, 1, 1] and np.isclose(inertia, 1.0)


def test_matches_sklearn_from_the_same_seeds():
    # Same start, same result: labels equal, centres and inertia to 1e-9 (relative).
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, k in [(60, 2, 3), (300, 5, 6), (800, 8, 12)]:
            X = rng.normal(size=(n, d)) + rng.normal(scale=3.0, size=(k, d))[rng.integers(k, size=n)]
            init = kmeans_plus_plus(X, k, rng)
            centres, labels, inertia = kmeans(X, k, rng, init=init)
            ref = sklearn_from(X, init)
            np.testing.assert_array_equal(labels, ref.labels_)
            np.testing.assert_allclose(centres, ref.cluster_centers_, rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(inertia, ref.inertia_, rtol=1e-9)


def test_first_centre_is_uniform():
    # 4000 seedings of 4 rows with k = 1: each row's share is 0.25 +- 0.05 (7 standard errors).
    X = np.array([[0.0], [1.0], [3.0], [7.0]])
    rng = np.random.default_rng(SEED)
    picks = [int(np.flatnonzero(X[:, 0] == kmeans_plus_plus(X, 1, rng)[0, 0])[0]) for _ in range(4000)]
    shares = np.bincount(picks, minlength=4) / 4000
    assert np.all(np.abs(shares - 0.25) < 0.05), shares


def test_second_centre_follows_d_squared():
    # Rows 0, 1, 3 on a line, k = 2. Given the first centre c, the second is row x with
    # probability (x - c)^2 / sum: from 0 it is [0, 0.1, 0.9], from 1 [0.2, 0, 0.8], from 3
    # [0.69, 0.31, 0]. 9000 draws give about 3000 per first centre; the tolerance 0.05 is over
    # 5 standard errors for every cell.
    X = np.array([[0.0], [1.0], [3.0]])
    rng = np.random.default_rng(SEED)
    pairs = np.zeros((3, 3))
    for _ in range(9000):
        c = kmeans_plus_plus(X, 2, rng)[:, 0]
        pairs[np.flatnonzero(X[:, 0] == c[0])[0], np.flatnonzero(X[:, 0] == c[1])[0]] += 1
    d2 = (X - X.T) ** 2
    expected = d2 / d2.sum(axis=1, keepdims=True)
    observed = pairs / pairs.sum(axis=1, keepdims=True)
    assert np.all(np.diag(pairs) == 0), "a chosen row was chosen again"
    assert np.all(np.abs(observed - expected) < 0.05), observed.round(3)


def test_empty_cluster_is_reseeded():
    # One initial centre far from every row: its cluster is empty after the first assignment.
    # It must move to the row farthest from its centre, as scikit-learn does, with no NaN.
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(200, 2))
    init = np.vstack([X[:2], [[1e3, 1e3]]])
    centres, labels, inertia = kmeans(X, 3, rng, init=init)
    ref = sklearn_from(X, init)
    assert np.all(np.isfinite(centres)) and np.bincount(labels, minlength=3).min() > 0
    np.testing.assert_array_equal(labels, ref.labels_)
    np.testing.assert_allclose(centres, ref.cluster_centers_, rtol=1e-9, atol=1e-9)


def test_edge_cases():
    rng = np.random.default_rng(SEED)
    X = np.repeat(np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]]), 4, axis=0)  # 3 distinct rows
    centres = kmeans_plus_plus(X, 3, rng)
    assert len({tuple(c) for c in centres}) == 3, "D^2 sampling must find the 3 distinct rows"
    _, labels, inertia = kmeans(X, 3, rng)
    assert inertia == 0.0 and len(set(labels.tolist())) == 3
    _, labels, inertia = kmeans(X, 1, rng)  # k = 1: the mean of everything
    np.testing.assert_allclose(inertia, ((X - X.mean(axis=0)) ** 2).sum())
    for bad_k in (0, len(X) + 1):
        try:
            kmeans(X, bad_k, rng)
        except ValueError:
            pass
        else:
            raise AssertionError(f"k={bad_k} should raise ValueError")


def test_lloyd_never_increases_inertia():
    # Each assignment and each update can only lower the objective, so the result is no worse
    # than the seeding itself.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(300, 3))
        init = kmeans_plus_plus(X, 6, rng)
        start = ((X[:, None, :] - init[None, :, :]) ** 2).sum(axis=2).min(axis=1).sum()
        _, _, inertia = kmeans(X, 6, rng, init=init)
        assert inertia <= start + 1e-9
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
