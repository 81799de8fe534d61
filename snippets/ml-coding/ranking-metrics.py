"""Drill: nDCG@k with graded relevance and mean average precision, ties included.

The solution sorts each query's documents by score, and treats documents with equal scores as
one block: nDCG gives each of them the block's average gain (the expected DCG over the orders a
tie could be broken in), and average precision counts the whole block at once, as scikit-learn
does. The tests compare with scikit-learn's ndcg_score (linear gain; exponential gain by passing
2^rel - 1 as the relevance) and average_precision_score, and check that the result does not
depend on the input order of tied documents, the edge cases (no relevant document, one document,
k beyond the list) and that the two gains can rank two systems differently.
"""

# %%
# Imports; scikit-learn's metrics are the independent reference, used only by the tests.
import os
import warnings
from itertools import permutations

import numpy as np
from sklearn.metrics import average_precision_score, ndcg_score

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: one helper that groups tied scores, then the two metrics and their means.
# --8<-- [start:solution]
def tie_blocks(scores: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Indices sorting scores from high to low, and the [start, stop) rank ranges of equal scores."""
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    s = np.asarray(scores, dtype=float)[order]
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    stops = np.r_[starts[1:], len(s)]
    return order, list(zip(starts, stops))


def ndcg_at_k(relevance: np.ndarray, scores: np.ndarray, k: int | None = None,
              gain: str = "exponential") -> float:
    """nDCG@k of one query: DCG of the ranking by score over DCG of the ideal ranking.

    relevance: graded labels (n,) >= 0; scores: (n,), higher ranks first. gain "exponential"
    uses 2^rel - 1, "linear" uses rel. Position r (1-based) is discounted by 1 / log2(r + 1), and
    positions after k count 0 (k=None: all). Tied scores share the average gain of their block,
    so the result does not depend on the input order. Returns 0.0 if no document is relevant.
    """
    rel = np.asarray(relevance, dtype=float)
    if gain == "exponential":
        gains = 2.0 ** rel - 1.0
    elif gain == "linear":
        gains = rel
    else:
        raise ValueError(f"unknown gain {gain!r}")
    n = len(gains)
    k = n if k is None else min(k, n)
    discount = np.zeros(n)
    discount[:k] = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.sort(gains)[::-1] @ discount
    if ideal == 0:
        return 0.0
    order, blocks = tie_blocks(scores)
    g = gains[order]
    dcg = sum(g[a:b].mean() * discount[a:b].sum() for a, b in blocks)
    return float(dcg / ideal)


def average_precision(relevant: np.ndarray, scores: np.ndarray) -> float:
    """Average precision of one query with binary relevance.

    Sum over distinct score thresholds (high to low) of (recall gained) * (precision at that
    threshold); documents with equal scores enter together, as in scikit-learn. Without ties
    this is the mean of precision@rank over the ranks of the relevant documents.
    Returns 0.0 if no document is relevant.
    """
    rel = np.asarray(relevant, dtype=bool)
    total = rel.sum()
    if total == 0:
        return 0.0
    order, blocks = tie_blocks(scores)
    r = rel[order]
    ap, hits = 0.0, 0
    for a, b in blocks:
        new = r[a:b].sum()
        hits += new
        ap += new / total * hits / b
    return float(ap)


def mean_ndcg(relevances: list, scores: list, k: int | None = None, gain: str = "exponential") -> float:
    """Mean nDCG@k over queries (lists of per-query arrays); queries with no relevant document count 0."""
    return float(np.mean([ndcg_at_k(r, s, k, gain) for r, s in zip(relevances, scores)]))


def mean_average_precision(relevances: list, scores: list) -> float:
    """Mean of average_precision over queries; queries with no relevant document count 0."""
    return float(np.mean([average_precision(r, s) for r, s in zip(relevances, scores)]))
# --8<-- [end:solution]


# %%
# The tests. scikit-learn's ndcg_score uses linear gain (y_true itself) and averages gains over
# tied scores (ignore_ties=False); passing 2^rel - 1 as y_true gives the exponential version.
# --8<-- [start:tests]
def random_query(rng, n, ties):
    relevance = rng.integers(0, 5, size=n) * (rng.random(n) < 0.6)
    scores = rng.integers(0, 4, size=n).astype(float) if ties else rng.normal(size=n)
    return relevance, scores


def sklearn_ap(relevant, scores):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # "No positive class found": it returns 0
        return average_precision_score(relevant, scores)


def test_worked_example():
    relevance = np.array([3, 2, 3, 0, 1, 2])
    scores = np.array([6.0, 5, 4, 3, 2, 1])       # the documents are already in ranked order
    lin, exp = ndcg_at_k(relevance, scores, gain="linear"), ndcg_at_k(relevance, scores)
    ap = average_precision(np.array([1, 0, 1, 0, 0, 1]), scores)
    print(f"nDCG@6 linear {lin:.4f}, exponential {exp:.4f}; nDCG@3 linear "
          f"{ndcg_at_k(relevance, scores, 3, 'linear'):.4f}; AP {ap:.4f}")
    assert round(lin, 4) == 0.9608 and round(exp, 4) == 0.9488
    assert round(ndcg_at_k(relevance, scores, 3, "linear"), 4) == 0.9778
    assert np.isclose(ap, (1 / 1 + 2 / 3 + 3 / 6) / 3)


def test_ndcg_matches_sklearn():
    checked = 0
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n in (2, 5, 20, 60):
            for ties in (False, True):
                rel, s = random_query(rng, n, ties)
                for k in (None, 1, 3, 10, 100):
                    np.testing.assert_allclose(ndcg_at_k(rel, s, k, "linear"), ndcg_score([rel], [s], k=k),
                                               rtol=1e-12, atol=1e-15)
                    np.testing.assert_allclose(ndcg_at_k(rel, s, k), ndcg_score([2.0 ** rel - 1], [s], k=k),
                                               rtol=1e-12, atol=1e-15)
                    checked += 2
    assert checked == 400
    print(f"nDCG equal to scikit-learn's ndcg_score in {checked} cases, with and without ties")


def test_average_precision_matches_sklearn():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed + 100)
        relevances, scores = [], []
        for n in (1, 2, 5, 20, 60):
            for ties in (False, True):
                rel, s = random_query(rng, n, ties)
                rel = rel > 0
                np.testing.assert_allclose(average_precision(rel, s), sklearn_ap(rel, s), rtol=1e-12, atol=1e-15)
                relevances.append(rel)
                scores.append(s)
        np.testing.assert_allclose(mean_average_precision(relevances, scores),
                                   np.mean([sklearn_ap(r, s) for r, s in zip(relevances, scores)]), rtol=1e-12)


def test_tied_documents_in_any_input_order():
    rng = np.random.default_rng(SEED + 200)
    rel, s = random_query(rng, 30, ties=True)
    s[:8], rel[0], rel[1] = 10.0, 4, 0        # an 8-way tie at the top, across the cut-off k = 5
    base = (ndcg_at_k(rel, s, 5), ndcg_at_k(rel, s, 5, "linear"), average_precision(rel > 0, s))
    sklearn_ignoring_ties = set()
    for _ in range(20):
        p = rng.permutation(30)
        again = (ndcg_at_k(rel[p], s[p], 5), ndcg_at_k(rel[p], s[p], 5, "linear"), average_precision(rel[p] > 0, s[p]))
        np.testing.assert_allclose(again, base, rtol=1e-12)
        sklearn_ignoring_ties.add(round(ndcg_score([rel[p]], [s[p]], k=5, ignore_ties=True), 12))
    # Breaking ties with a plain argsort (ignore_ties=True) gives a number that depends on the input order.
    print(f"tie-averaged nDCG@5 {base[1]:.4f} in every order; breaking ties with a plain argsort gives "
          f"{len(sklearn_ignoring_ties)} different values over 20 shuffles")
    assert len(sklearn_ignoring_ties) > 10
    # A tied block enters AP at once; that is not the mean AP over the orders of the tie.
    tied = average_precision(np.array([1, 0]), np.array([0.5, 0.5]))
    over_orders = np.mean([average_precision(np.array(p), -np.arange(2.0)) for p in ([1, 0], [0, 1])])
    assert np.isclose(tied, 0.5) and np.isclose(over_orders, 0.75)


def test_edge_cases():
    s = np.array([0.9, 0.5, 0.1])
    # No relevant document: both metrics 0, as scikit-learn returns.
    assert ndcg_at_k(np.zeros(3), s) == 0.0 and average_precision(np.zeros(3), s) == 0.0
    assert ndcg_score([np.zeros(3)], [s]) == 0.0 and sklearn_ap(np.zeros(3), s) == 0.0
    # One document, k larger than the list, the ideal and the reversed ranking.
    assert ndcg_at_k(np.array([2]), np.array([0.3])) == 1.0
    rel = np.array([3, 1, 0])
    assert ndcg_at_k(rel, s, k=50) == ndcg_at_k(rel, s) == 1.0
    assert ndcg_at_k(rel, -s) < 1.0 and average_precision(rel > 0, -s) < 1.0
    # A single relevant document at rank r: AP = 1 / r, binary nDCG = 1 / log2(r + 1).
    for r in range(1, 6):
        rel = np.zeros(5)
        rel[r - 1] = 1
        ranked = -np.arange(5.0)
        assert np.isclose(average_precision(rel, ranked), 1 / r)
        assert np.isclose(ndcg_at_k(rel, ranked), 1 / np.log2(r + 1))
    # Every score tied: the expected nDCG of a random order, here checked by enumeration.
    rel = np.array([2, 0, 1])
    expected = np.mean([ndcg_at_k(rel[list(p)], -np.arange(3.0)) for p in permutations(range(3))])
    assert np.isclose(ndcg_at_k(rel, np.zeros(3)), expected)
    try:
        ndcg_at_k(rel, s, gain="quadratic")
    except ValueError:
        return
    raise AssertionError("an unknown gain should raise ValueError")


def test_the_two_gains_can_rank_systems_differently():
    # Relevance 3 (perfect), 2, 2 and 0. System A finds the perfect document first; system B
    # finds the two good ones first.
    rel = np.array([3, 2, 2, 0])
    a = np.array([4.0, 2, 1, 3])      # ranks: 3, 0, 2, 2
    b = np.array([2.0, 4, 3, 1])      # ranks: 2, 2, 3, 0
    lin = ndcg_at_k(rel, a, 3, "linear"), ndcg_at_k(rel, b, 3, "linear")
    exp = ndcg_at_k(rel, a, 3), ndcg_at_k(rel, b, 3)
    print(f"nDCG@3 linear: A {lin[0]:.3f}, B {lin[1]:.3f}; exponential: A {exp[0]:.3f}, B {exp[1]:.3f}")
    assert lin[1] > lin[0] and exp[0] > exp[1]
    assert np.round(lin, 3).tolist() == [0.760, 0.905] and np.round(exp, 3).tolist() == [0.818, 0.808]
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
