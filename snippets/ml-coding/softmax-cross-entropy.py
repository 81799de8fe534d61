"""Drill: a numerically stable softmax, cross-entropy from logits, and its gradient, in NumPy.

The solution is checked against SciPy's softmax and logsumexp on random logits of several scales,
its gradient against central finite differences, and its behaviour on logits of 1e4, where the
textbook formula overflows to inf and NaN.
"""

# %%
# Imports; SciPy is the reference and is used only in the tests.
import os

import numpy as np
from _drill import run_tests
from scipy.special import logsumexp
from scipy.special import softmax as scipy_softmax

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: subtract each row's maximum before exponentiating, work in log space for the
# loss, and use the closed-form gradient (softmax - one-hot) / n.
# --8<-- [start:solution]
def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax of logits Z (n, c): Z - logsumexp(Z) per row.

    Subtracting the row maximum m first makes every exponent <= 0, so exp cannot overflow and
    the largest term is exactly 1, so the sum is >= 1 and its log is finite.
    """
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of logits Z (n, c); each row of the result sums to 1."""
    Z = np.asarray(Z, dtype=float)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of logits Z (n, c) against integer labels y (n,) in [0, c).

    loss = -mean_i log softmax(Z)[i, y_i], computed from log_softmax (never log of a rounded
    probability, so never log(0)). Returns (loss, dloss/dZ), the gradient being
    (softmax(Z) - onehot(y)) / n, of shape (n, c).
    """
    n = Z.shape[0]
    rows = np.arange(n)
    loss = -log_softmax(Z)[rows, y].mean()
    grad = softmax(Z)
    grad[rows, y] -= 1.0
    return float(loss), grad / n
# --8<-- [end:solution]


# %%
# Tests: the worked example, SciPy on random logits, finite differences, huge logits, and the
# shift invariance that the naive formula loses.
# --8<-- [start:tests]
def test_worked_example():
    loss, grad = cross_entropy(np.array([[2.0, 1.0, 0.0]]), np.array([0]))
    p = softmax(np.array([[2.0, 1.0, 0.0]]))
    print(f"      softmax {p.round(4).tolist()}, loss {loss:.4f}, gradient {grad.round(4).tolist()}")
    np.testing.assert_allclose(p, [[0.6652, 0.2447, 0.0900]], atol=1e-4)
    np.testing.assert_allclose(loss, 0.4076, atol=1e-4)
    np.testing.assert_allclose(grad, [[-0.3348, 0.2447, 0.0900]], atol=1e-4)


def test_matches_scipy_on_random_logits():
    # Softmax and log softmax to 1e-12 relative; the loss to 1e-12 relative.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, c, scale in [(1, 2, 1.0), (7, 3, 10.0), (64, 10, 100.0), (500, 1000, 3.0)]:
            Z = rng.normal(scale=scale, size=(n, c))
            y = rng.integers(0, c, size=n)
            np.testing.assert_allclose(softmax(Z), scipy_softmax(Z, axis=1), rtol=1e-12, atol=1e-300)
            np.testing.assert_allclose(log_softmax(Z), Z - logsumexp(Z, axis=1, keepdims=True), rtol=1e-12, atol=1e-12)
            expected = np.mean(logsumexp(Z, axis=1) - Z[np.arange(n), y])
            np.testing.assert_allclose(cross_entropy(Z, y)[0], expected, rtol=1e-12)


def test_gradient_matches_finite_differences():
    # Central differences with h = 1e-6 on every logit: absolute error below 1e-9.
    rng = np.random.default_rng(SEED)
    Z, y, h = rng.normal(size=(5, 4)), rng.integers(0, 4, size=5), 1e-6
    _, grad = cross_entropy(Z, y)
    numeric = np.zeros_like(Z)
    for idx in np.ndindex(*Z.shape):
        E = np.zeros_like(Z)
        E[idx] = h
        numeric[idx] = (cross_entropy(Z + E, y)[0] - cross_entropy(Z - E, y)[0]) / (2 * h)
    assert np.abs(numeric - grad).max() < 1e-9
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)  # each row: probabilities minus 1


def test_huge_logits_stay_finite():
    # Logits of +-1e4: exp(1e4) is inf in float64, so the textbook formula returns NaN.
    Z = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = softmax(Z)
        loss_right, grad = cross_entropy(Z, np.array([0, 1]))
        loss_wrong, _ = cross_entropy(Z, np.array([2, 2]))
        loss_first_row, _ = cross_entropy(Z[:1], np.array([2]))
    np.testing.assert_array_equal(p, [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]])
    assert loss_first_row == 2e4                                        # (1e4, 0, -1e4), label 2
    np.testing.assert_allclose(loss_right, np.log(2) / 2, rtol=1e-15)   # rows: 0 and log 2
    np.testing.assert_allclose(loss_wrong, (2e4 + 1e4 + np.log(2)) / 2, rtol=1e-15)
    assert np.all(np.isfinite(grad))


def test_shift_invariance_at_large_offsets():
    # softmax(Z + t) = softmax(Z) for any per-row t. The naive exp(Z) / sum exp(Z) overflows
    # once Z > 709; the stable version agrees to 1e-10 relative even with |t| up to 1e5 (adding
    # t itself rounds the logits by about 1e-11).
    rng = np.random.default_rng(SEED)
    Z = rng.normal(size=(20, 6))
    t = rng.uniform(-1e5, 1e5, size=(20, 1))
    np.testing.assert_allclose(softmax(Z + t), scipy_softmax(Z, axis=1), rtol=1e-10, atol=0)
    np.testing.assert_allclose(softmax(Z).sum(axis=1), 1.0, rtol=1e-15)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
