"""Drill: check an analytic gradient against central finite differences, with a relative error.

The solution perturbs one coordinate at a time by +-eps, returns the numerical gradient, and
compares it with the analytic one through a scale-free relative error. The tests check it on
least squares, L2-regularised logistic regression and a matrix-valued softmax regression, compare
it with SciPy's approx_fprime and check_grad, flag four planted bugs, sweep eps to show the
truncation/rounding trade-off, and check the traps: integer inputs, inputs modified in place,
float32 and kinks.
"""

# %%
# Imports; SciPy's approx_fprime and check_grad are the independent references, used by the tests.
import inspect
import os

import numpy as np
from scipy.optimize import approx_fprime, check_grad

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: the numerical gradient, the relative error and the check that combines them.
# --8<-- [start:solution]
def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the scalar function f at x (any shape).

    Component i is (f(x + eps e_i) - f(x - eps e_i)) / (2 eps). Works on a float64 copy of x,
    so integer inputs are handled and the caller's array is never modified.
    Returns an array of x's shape. Costs 2 * x.size evaluations of f.
    """
    x = np.array(x, dtype=np.float64)          # a copy: perturb it, never the caller's array
    grad = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        original = x[idx]
        x[idx] = original + eps
        f_plus = f(x)
        x[idx] = original - eps
        f_minus = f(x)
        x[idx] = original                      # restore before the next coordinate
        grad[idx] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): scale-free, in [0, 1]; 0 when both are zero."""
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def check_gradient(f, grad_f, x: np.ndarray, eps: float = 1e-6, tol: float = 1e-6) -> tuple[bool, float]:
    """Compare grad_f(x) with the central-difference gradient of f at x.

    Returns (passed, error): error is relative_error of the two gradients; passed is error < tol.
    """
    error = relative_error(np.asarray(grad_f(np.array(x, dtype=np.float64)), dtype=np.float64),
                           numerical_gradient(f, x, eps))
    return error < tol, error
# --8<-- [end:solution]


# %%
# The tests. Losses use elementwise products and sums rather than matrix products, so that the
# rounding, which dominates at tiny eps, does not depend on how many threads BLAS uses.
# --8<-- [start:tests]
def least_squares(rng, n=40, d=5):
    X, y = rng.normal(size=(n, d)), rng.normal(size=n)
    f = lambda w: 0.5 * np.mean(((X * w).sum(axis=1) - y) ** 2)
    grad = lambda w: (X * ((X * w).sum(axis=1) - y)[:, None]).mean(axis=0)
    return f, grad


def logistic(rng, n=60, d=4, lam=0.1):
    """Mean log-loss with labels in {-1, 1}, plus lam * ||w||^2."""
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n)
    f = lambda w: np.mean(np.logaddexp(0.0, -y * (X * w).sum(axis=1))) + lam * (w * w).sum()
    grad = lambda w: (X * (-y / (1.0 + np.exp(y * (X * w).sum(axis=1))))[:, None]).mean(axis=0) + 2 * lam * w
    return f, grad, X, y, lam


def softmax_regression(rng, n=30, d=4, k=3):
    """Mean cross-entropy of softmax(X W), W of shape (d, k): a matrix-valued parameter."""
    X, labels = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
    onehot = np.eye(k)[labels]

    def probs(W):
        z = (X[:, :, None] * W[None]).sum(axis=1)
        z = z - z.max(axis=1, keepdims=True)
        return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

    f = lambda W: -np.mean(np.log((probs(W) * onehot).sum(axis=1)))
    grad = lambda W: (X[:, :, None] * (probs(W) - onehot)[:, None, :]).sum(axis=0) / n
    return f, grad


def test_worked_example():
    g = numerical_gradient(lambda x: np.sum(x ** 3), np.array([1.0, 2.0]))
    print("numerical gradient of sum(x^3) at [1, 2]:", g.round(8).tolist())
    assert relative_error(g, np.array([3.0, 12.0])) < 1e-9


def test_correct_gradients_pass():
    worst = 0.0
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        f_ls, g_ls = least_squares(rng)
        f_lr, g_lr = logistic(rng)[:2]
        f_sm, g_sm = softmax_regression(rng)
        for f, g, x in [(f_ls, g_ls, rng.normal(size=5)), (f_lr, g_lr, rng.normal(size=4)),
                        (f_sm, g_sm, rng.normal(size=(4, 3)))]:
            passed, error = check_gradient(f, g, x)
            assert passed
            worst = max(worst, error)
    print(f"correct gradients: largest relative error {worst:.0e} (tolerance 1e-6)")
    assert 1e-10 < worst < 3e-9


def test_agrees_with_scipy_and_beats_forward_differences():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed + 100)
        f, g = logistic(rng)[:2]
        w = rng.normal(size=4)
        central = numerical_gradient(f, w)
        forward = approx_fprime(w, f)                 # SciPy: forward differences, eps ~ 1.5e-8
        default_step = inspect.signature(approx_fprime).parameters["epsilon"].default
        assert np.isclose(default_step, np.sqrt(np.finfo(float).eps))
        assert relative_error(central, forward) < 1e-6
        # check_grad returns the 2-norm of (analytic - forward differences).
        assert np.isclose(check_grad(f, g, w), np.linalg.norm(g(w) - forward), rtol=1e-9)
        assert relative_error(central, g(w)) < relative_error(forward, g(w)) / 10


def test_planted_bugs_are_flagged():
    rng = np.random.default_rng(SEED + 200)
    f, g, X, y, lam = logistic(rng)
    w = rng.normal(size=4)
    margin = lambda w: y * (X * w).sum(axis=1)
    bugs = {
        "L2 term lam * w (missing factor 2)": lambda w: g(w) - lam * w,
        "sum instead of mean": lambda w: g(w) + (len(y) - 1) * (g(w) - 2 * lam * w),
        "sign of the data term flipped": lambda w: -(g(w) - 2 * lam * w) + 2 * lam * w,
        "sigmoid of the wrong sign": lambda w: (X * (-y / (1.0 + np.exp(-margin(w))))[:, None]).mean(axis=0)
                                              + 2 * lam * w,
    }
    assert check_gradient(f, g, w)[0]
    for name, wrong in bugs.items():
        passed, error = check_gradient(f, wrong, w)
        print(f"  {name:<36} relative error {error:.0e}")
        assert not passed and error > 0.05, name


def test_step_size_trades_truncation_for_rounding():
    rng = np.random.default_rng(SEED + 300)
    f, g = logistic(rng)[:2]
    w = rng.normal(size=4)
    errors = {eps: relative_error(numerical_gradient(f, w, eps), g(w)) for eps in 10.0 ** -np.arange(1, 13, 1.0)}
    print("eps      relative error")
    for eps, err in errors.items():
        print(f"{eps:.0e}    {err:.0e}")
    best = min(errors, key=errors.get)
    assert 1e-7 <= best <= 1e-4                  # near the cube root of machine epsilon, about 6e-6
    assert errors[1e-6] < 1e-8
    # Large eps: truncation error, falling as eps^2 (100 times per decade).
    assert 50 < errors[1e-1] / errors[1e-2] < 200 and 50 < errors[1e-2] / errors[1e-3] < 200
    # Tiny eps: rounding error, growing as 1 / eps: roughly tenfold per decade from 1e-7 to 1e-12
    # (on average between 5 and 20 times per decade).
    assert errors[1e-12] > 1e-6 and errors[1e-12] > 20 * errors[1e-10]
    assert 5**5 < errors[1e-12] / errors[1e-7] < 20**5
    # Parameters and loss rounded to float32 ruin the check at eps = 1e-6, even for a correct
    # gradient: a relative error of the order of 1e-2.
    f32 = lambda w: np.float64(f(w.astype(np.float32)).astype(np.float32))
    error32 = relative_error(numerical_gradient(f32, w), g(w))
    print(f"parameters and f rounded to float32, eps 1e-6: relative error {error32:.0e}")
    assert 5e-3 < error32 < 0.2


def test_input_handling_and_kinks():
    # Integer input: an int array truncates x + eps back to x, and x - eps to x - 1 (for x > 0)...
    ints = np.array([1, 2, 3])
    ints[0], ints[1] = ints[0] + 1e-6, ints[1] - 1e-6
    assert ints.tolist() == [1, 1, 3]
    # ...so the solution must work on a float copy.
    g = numerical_gradient(lambda x: np.sum(x ** 2), np.array([1, 2, 3]))
    np.testing.assert_allclose(g, [2.0, 4.0, 6.0], rtol=1e-8)
    # The caller's array is unchanged, and a matrix parameter keeps its shape.
    W = np.arange(6.0).reshape(2, 3)
    g = numerical_gradient(lambda M: np.sum(M ** 2) + M[0, 1] * M[1, 2], W)
    np.testing.assert_array_equal(W, np.arange(6.0).reshape(2, 3))
    np.testing.assert_allclose(g, [[0, 2 + 5, 4], [6, 8, 10 + 1]], rtol=1e-8)
    # At a kink, central differences return the average of the one-sided slopes: relu'(0) -> 0.5,
    # so a correct subgradient (0 or 1) fails the check.
    relu_sum = lambda x: np.sum(np.maximum(x, 0.0))
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_allclose(numerical_gradient(relu_sum, x), [0.0, 0.5, 1.0], atol=1e-9)
    assert not check_gradient(relu_sum, lambda x: (x > 0).astype(float), x)[0]
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
