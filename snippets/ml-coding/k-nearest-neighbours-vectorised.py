"""Drill: k-nearest-neighbour classification with fully vectorised distances, in NumPy.

The solution is checked against scikit-learn's NearestNeighbors (same neighbours and distances)
and KNeighborsClassifier (same labels wherever the vote is not tied; tied votes go to the
smallest label), against SciPy's cdist on data far from the origin, where the expanded distance
formula loses precision unless the data are centred first, and on edge cases.
"""

# %%
# Imports; scikit-learn and SciPy are the references and are used only in the tests.
import os

import numpy as np
from _drill import run_tests
from scipy.spatial.distance import cdist
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: all query-to-train squared distances from one matrix product per batch of
# queries, a partial sort for the k smallest, and a vote by counting.
# --8<-- [start:solution]
def pairwise_sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances (m, n) between the rows of A (m, d) and B (n, d).

    ||a||^2 - 2 a.b + ||b||^2 with one matrix product. Both inputs are first shifted by the
    mean of B (distances do not change), which keeps the norms small and so avoids
    cancellation when the data lie far from the origin; rounding can still leave tiny
    negative values, which are clipped to 0.
    """
    mu = B.mean(axis=0)
    A, B = A - mu, B - mu
    d2 = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


def kneighbors(X_train: np.ndarray, X_query: np.ndarray, k: int,
               batch_size: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest training rows of each query row: (distances (m, k), indices (m, k)).

    Each row is sorted by increasing distance. Queries are processed batch_size at a time,
    so memory is O(batch_size * n). The k smallest are found with argpartition (O(n) per
    query) and only those k are sorted; which of several rows at exactly the k-th distance is
    kept is unspecified. Raises ValueError unless 1 <= k <= n_train.
    """
    n = X_train.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"need 1 <= k <= n_train, got k={k}, n_train={n}")
    dist = np.empty((X_query.shape[0], k))
    idx = np.empty((X_query.shape[0], k), dtype=np.intp)
    for start in range(0, X_query.shape[0], batch_size):
        d2 = pairwise_sq_dists(X_query[start:start + batch_size], X_train)
        part = np.argpartition(d2, k - 1, axis=1)[:, :k]          # the k smallest, unordered
        part_d2 = np.take_along_axis(d2, part, axis=1)
        order = np.argsort(part_d2, axis=1, kind="stable")
        idx[start:start + batch_size] = np.take_along_axis(part, order, axis=1)
        dist[start:start + batch_size] = np.sqrt(np.take_along_axis(part_d2, order, axis=1))
    return dist, idx


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_query: np.ndarray, k: int) -> np.ndarray:
    """Majority label among the k nearest training rows of each query row, shape (m,).

    Ties in the vote go to the smallest label among the tied classes (labels are compared
    in sorted order, as np.unique sorts them).
    """
    classes, y_index = np.unique(y_train, return_inverse=True)
    _, idx = kneighbors(X_train, X_query, k)
    votes = np.zeros((X_query.shape[0], len(classes)), dtype=np.intp)
    np.add.at(votes, (np.arange(X_query.shape[0])[:, None], y_index[idx]), 1)
    return classes[votes.argmax(axis=1)]  # argmax returns the first, i.e. smallest, tied class
# --8<-- [end:solution]


# %%
# Tests: the worked example, scikit-learn's neighbours and labels, the vote's tie-break, data far
# from the origin, and edge cases.
# --8<-- [start:tests]
def test_worked_example():
    X_train = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0]])
    y_train = np.array([0, 0, 0, 1, 1])
    pred = knn_predict(X_train, y_train, np.array([[0.2, 0.2], [5.4, 5.0]]), k=3)
    print(f"      predictions {pred.tolist()}")
    assert pred.tolist() == [0, 1]


def test_neighbours_match_sklearn():
    # Same neighbour indices; distances to 1e-12 (absolute) on data of unit scale.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, m, d, k in [(10, 4, 2, 1), (500, 300, 5, 7), (3000, 2500, 20, 15)]:
            X_train, X_query = rng.normal(size=(n, d)), rng.normal(size=(m, d))
            dist, idx = kneighbors(X_train, X_query, k)
            ref_dist, ref_idx = NearestNeighbors(n_neighbors=k).fit(X_train).kneighbors(X_query)
            np.testing.assert_array_equal(idx, ref_idx)
            np.testing.assert_allclose(dist, ref_dist, rtol=0, atol=1e-12)


def test_labels_match_sklearn_and_ties_go_to_the_smallest_label():
    # Where the vote is clear, the same label as KNeighborsClassifier; where it is tied, the
    # smallest tied label, counted here from scikit-learn's own neighbour lists. scikit-learn
    # breaks ties the same way, so with these (tie-free) distances all labels agree.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, m, d, k, c in [(200, 300, 3, 4, 3), (1000, 500, 8, 6, 4)]:
            X_train, X_query = rng.normal(size=(n, d)), rng.normal(size=(m, d))
            y_train = rng.integers(0, c, size=n) * 10  # labels 0, 10, 20, ...
            pred = knn_predict(X_train, y_train, X_query, k)
            ref = KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train)
            _, ref_idx = ref.kneighbors(X_query)
            counts = np.stack([(y_train[ref_idx] == label).sum(axis=1) for label in range(0, 10 * c, 10)], axis=1)
            tied = (counts == counts.max(axis=1, keepdims=True)).sum(axis=1) > 1
            assert tied.any() and (~tied).any()
            np.testing.assert_array_equal(pred[~tied], ref.predict(X_query[~tied]))
            np.testing.assert_array_equal(pred[tied], 10 * counts[tied].argmax(axis=1))
            np.testing.assert_array_equal(pred[tied], ref.predict(X_query[tied]))


def test_far_from_origin():
    # Data offset by 1e6: centring keeps the squared distances within 1e-12 (relative) of
    # SciPy's direct differences; the same formula without centring is off by more than 1e-3
    # (absolute, on squared distances of about 10).
    rng = np.random.default_rng(SEED)
    A, B = 1e6 + rng.normal(size=(200, 5)), 1e6 + rng.normal(size=(300, 5))
    ref = cdist(A, B, "sqeuclidean")
    np.testing.assert_allclose(pairwise_sq_dists(A, B), ref, rtol=1e-12)
    uncentred = (A**2).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B**2).sum(axis=1)[None, :]
    assert np.abs(uncentred - ref).max() > 1e-3


def test_edge_cases():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(50, 3))
    # Each training row finds itself, at a distance below 1e-6 that need not be exactly 0: the
    # square root magnifies a rounding error of 1e-16 in the squared distance to 1e-8.
    dist, idx = kneighbors(X, X, 1)
    assert np.array_equal(idx[:, 0], np.arange(50)) and np.all(dist >= 0) and dist.max() < 1e-6
    dist, idx = kneighbors(X, X[:3], 50)             # k = n: every row, sorted by distance
    assert np.all(np.diff(dist, axis=1) >= 0) and all(sorted(row) == list(range(50)) for row in idx)
    labels = np.array(["cat"] * 25 + ["dog"] * 25)   # any sortable labels
    assert knn_predict(X, labels, X[:1], 1)[0] == "cat"
    for bad_k in (0, 51):
        try:
            kneighbors(X, X[:2], bad_k)
        except ValueError:
            pass
        else:
            raise AssertionError(f"k={bad_k} should raise ValueError")
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
