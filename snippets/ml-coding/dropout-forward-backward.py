"""Drill: inverted dropout, forward (training and evaluation) and backward.

In training, the solution keeps each unit with probability 1 - p and divides the kept ones by
1 - p, so every output has the same expectation as its input and evaluation needs no rescaling;
backward multiplies the incoming gradient by the same mask and scale. The tests check the
expectation, the keep rate and the variance over many masks against bounds of six standard
errors, the backward pass against central finite differences with the mask held fixed, and the
edge cases p = 0, p = 1, evaluation mode and invalid p.
"""

# %%
# Imports: NumPy only.
import os

import numpy as np

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution.
# --8<-- [start:solution]
def dropout_forward(x: np.ndarray, p: float, training: bool,
                    rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray | None]:
    """Inverted dropout. Returns (out, mask).

    p is the probability of dropping a unit, 0 <= p <= 1 (ValueError otherwise). In training,
    mask is a boolean array of x's shape, True where the unit is kept (probability 1 - p), and
    out = x * mask / (1 - p), so E[out] = x. With p = 1 every unit is dropped and out is all
    zeros. In evaluation (training=False) out is x unchanged and mask is None; no random
    numbers are drawn.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability must be in [0, 1], got {p}")
    if not training:
        return x, None
    if p == 1.0:
        return np.zeros_like(x), np.zeros(x.shape, dtype=bool)
    mask = rng.random(x.shape) >= p
    return x * mask / (1.0 - p), mask


def dropout_backward(grad_out: np.ndarray, mask: np.ndarray | None, p: float) -> np.ndarray:
    """Gradient of the loss with respect to x, given the gradient with respect to out.

    Uses the mask saved by dropout_forward: grad_out * mask / (1 - p). mask None (evaluation
    mode) passes the gradient through; p = 1 gives zeros.
    """
    if mask is None:
        return grad_out
    if p == 1.0:
        return np.zeros_like(grad_out)
    return grad_out * mask / (1.0 - p)
# --8<-- [end:solution]


# %%
# The tests: the worked example, moments over many masks, finite differences, edge cases.
# --8<-- [start:tests]
def test_worked_example():
    out, mask = dropout_forward(np.ones(8), 0.5, True, np.random.default_rng(SEED))
    print(f"  training, p = 0.5: {out}")
    print(f"  evaluation:        {dropout_forward(np.ones(8), 0.5, False, None)[0]}")
    assert set(out.tolist()) <= {0.0, 2.0} and np.array_equal(out, 2.0 * mask)
    assert np.array_equal(dropout_forward(np.ones(8), 0.5, False, None)[0], np.ones(8))


def test_expectation_keep_rate_and_variance_over_many_masks():
    # One call on an (n, d) stack draws n independent masks per unit. The mean and keep-rate
    # bounds are six standard errors, so a correct solution fails with probability below 1e-6
    # whatever the seed; scaling by p instead of 1 - p, or keeping with probability p, misses
    # by dozens of standard errors.
    n, d = 20_000, 40
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        x = rng.normal(0, 3, d)
        for p in (0.1, 0.5, 0.9):
            out, mask = dropout_forward(np.broadcast_to(x, (n, d)), p, True, rng)
            q = 1 - p
            standard_error = np.abs(x) * np.sqrt(p / q / n)
            assert np.all(np.abs(out.mean(axis=0) - x) <= 6 * standard_error)
            assert abs(mask.mean() - q) <= 6 * np.sqrt(p * q / (n * d))
            # out / x is Bernoulli(q) / q, with variance p / q: pooled over all n * d draws, the
            # sample variance is within 2 % (its standard error is at most 0.3 % here).
            ratio = (out / x).ravel()
            assert abs(ratio.var() / (p / q) - 1) <= 0.02


def test_backward_matches_finite_differences_with_a_fixed_mask():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        x, g = rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
        for p in (0.2, 0.7):
            def loss(z):
                # The same seed draws the same mask, so the loss is a fixed function of z.
                return np.sum(g * dropout_forward(z, p, True, np.random.default_rng(seed + 100))[0])
            _, mask = dropout_forward(x, p, True, np.random.default_rng(seed + 100))
            numeric = np.zeros_like(x)
            h = 1e-6
            for i in np.ndindex(x.shape):
                e = np.zeros_like(x)
                e[i] = h
                numeric[i] = (loss(x + e) - loss(x - e)) / (2 * h)
            np.testing.assert_allclose(dropout_backward(g, mask, p), numeric, rtol=1e-6, atol=1e-8)


def test_edge_cases_p0_p1_eval_and_invalid_p():
    rng = np.random.default_rng(SEED)
    x, g = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    out, mask = dropout_forward(x, 0.0, True, rng)           # p = 0: identity, exactly
    assert np.array_equal(out, x) and np.array_equal(dropout_backward(g, mask, 0.0), g)
    out, mask = dropout_forward(x, 1.0, True, rng)           # p = 1: all dropped, no NaN
    assert np.array_equal(out, np.zeros_like(x)) and not mask.any()
    assert np.array_equal(dropout_backward(g, mask, 1.0), np.zeros_like(g))
    out, mask = dropout_forward(x, 0.5, False, rng)          # evaluation: identity
    assert np.array_equal(out, x) and mask is None and np.array_equal(dropout_backward(g, mask, 0.5), g)
    for bad in (-0.1, 1.5):
        try:
            dropout_forward(x, bad, True, rng)
        except ValueError:
            continue
        raise AssertionError(f"p = {bad} accepted")
    out, mask = dropout_forward(x.astype(np.float32), 0.5, True, rng)  # no silent upcast
    assert out.dtype == np.float32 and dropout_backward(g.astype(np.float32), mask, 0.5).dtype == np.float32
    a = dropout_forward(x, 0.5, True, np.random.default_rng(1))[1]
    b = dropout_forward(x, 0.5, True, np.random.default_rng(1))[1]
    assert np.array_equal(a, b)                              # same generator state, same mask
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
