"""Drill: ROC AUC from scores and binary labels in O(n log n), through average ranks.

The solution is checked against scikit-learn's roc_auc_score and SciPy's Mann-Whitney U on
random inputs with many tied scores, against the O(n^2) count of correctly ordered pairs, and on
edge cases: one class only raises ValueError, all scores tied gives 0.5.
"""

# %%
# Imports; scikit-learn and SciPy are the references and are used only in the tests.
import os
import warnings

import numpy as np
from _drill import run_tests
from scipy.stats import mannwhitneyu
from sklearn.metrics import roc_auc_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: rank all scores once (ties share their average rank), sum the positives' ranks,
# subtract the smallest possible sum, and divide by the number of pairs.
# --8<-- [start:solution]
def average_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n of the values of x, tied values sharing the mean of the ranks they span.

    One sort, O(n log n): np.unique returns the distinct values in order, where each value of
    x falls among them, and how often each occurs. A group of c tied values that starts after
    s smaller values spans ranks s + 1 .. s + c, whose mean is s + (c + 1) / 2.
    """
    _, group, counts = np.unique(x, return_inverse=True, return_counts=True)
    smaller = np.cumsum(counts) - counts  # number of values below each group
    return (smaller + (counts + 1) / 2.0)[group]


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve of scores (n,) for labels y_true (n,) in {0, 1} (or booleans).

    Equals the probability that a random positive scores above a random negative, ties
    counting one half (the Mann-Whitney U statistic divided by n_pos * n_neg). Raises
    ValueError if the labels are not binary, if only one class is present, if the lengths
    differ, or if a score is NaN.
    """
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError("y_true and scores must be 1-D arrays of the same length")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("y_true must hold only 0 and 1")
    if np.isnan(s).any():
        raise ValueError("scores contain NaN")
    positive = y == 1
    n_pos = int(positive.sum())
    n_neg = y.size - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC is undefined when only one class is present")
    rank_sum = average_ranks(s)[positive].sum()
    u = rank_sum - n_pos * (n_pos + 1) / 2.0  # pairs (positive above negative), ties as 1/2
    return float(u / (n_pos * n_neg))
# --8<-- [end:solution]


# %%
# Tests: the worked example, scikit-learn and SciPy on tied scores, brute force, edge cases, and
# the symmetry of swapping the classes.
# --8<-- [start:tests]
def test_worked_example():
    auc = roc_auc(np.array([0, 0, 1, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8, 0.4]))
    print(f"      AUC = {auc}")
    assert auc == 0.75


def test_matches_sklearn_with_many_ties():
    # Scores rounded to one decimal (or small integers) tie often; agreement to 1e-12.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, rounding in [(10, 1), (1_000, 1), (50_000, 2), (5_000, 0)]:
            y = (rng.random(n) < rng.uniform(0.05, 0.95)).astype(int)
            y[:2] = [0, 1]  # both classes present
            s = np.round(rng.normal(size=n) + 0.8 * y, rounding)
            expected = roc_auc_score(y, s)
            np.testing.assert_allclose(roc_auc(y, s), expected, rtol=1e-12)
            u = mannwhitneyu(s[y == 1], s[y == 0]).statistic
            np.testing.assert_allclose(roc_auc(y, s), u / (y.sum() * (n - y.sum())), rtol=1e-12)


def test_matches_pairwise_count():
    # The definition itself: the share of (positive, negative) pairs ordered correctly, ties 1/2.
    rng = np.random.default_rng(SEED)
    y = rng.integers(0, 2, size=300)
    y[:2] = [0, 1]
    s = rng.integers(0, 10, size=300).astype(float)
    diff = s[y == 1][:, None] - s[y == 0][None, :]
    np.testing.assert_allclose(roc_auc(y, s), (diff > 0).mean() + 0.5 * (diff == 0).mean(), rtol=1e-12)


def test_edge_cases():
    for y in ([1, 1, 1], [0, 0]):  # one class only
        try:
            roc_auc(np.array(y), np.zeros(len(y)))
        except ValueError:
            pass
        else:
            raise AssertionError(f"labels {y} should raise ValueError")
    for y, s in [([0, 2, 1], [0.1, 0.2, 0.3]), ([0, 1], [0.5, np.nan]), ([0, 1], [0.5])]:
        try:
            roc_auc(np.array(y), np.array(s))
        except ValueError:
            pass
        else:
            raise AssertionError(f"labels {y}, scores {s} should raise ValueError")
    assert roc_auc(np.array([0, 1, 0, 1]), np.full(4, 0.3)) == 0.5       # all tied
    assert roc_auc(np.array([0, 0, 1, 1]), np.array([1.0, 2.0, 3.0, 4.0])) == 1.0
    assert roc_auc(np.array([True, True, False]), np.array([1.0, 2.0, 3.0])) == 0.0  # booleans
    with warnings.catch_warnings():  # the reference (scikit-learn >= 1.6) warns and returns NaN
        warnings.simplefilter("ignore")
        assert np.isnan(roc_auc_score([1, 1, 1], [0.1, 0.2, 0.3]))


def test_swapping_classes_gives_one_minus_auc():
    # Every pair changes side, ties stay at one half: AUC(1 - y) = 1 - AUC(y), ties included.
    rng = np.random.default_rng(SEED)
    y = rng.integers(0, 2, size=1000)
    y[:2] = [0, 1]
    s = rng.integers(0, 5, size=1000).astype(float)
    np.testing.assert_allclose(roc_auc(1 - y, s) + roc_auc(y, s), 1.0, rtol=1e-12)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
