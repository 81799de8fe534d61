"""Drill: ordinary least squares with an intercept, by a stable least-squares solve and by
gradient descent.

The solution centres the data, solves for the slopes with an SVD-based least-squares routine
(never by inverting X^T X) and recovers the intercept from the means; gradient descent on the
centred data must land on the same coefficients. The tests compare both with scikit-learn's
LinearRegression and with NumPy's lstsq on random problems, on collinear (rank-deficient)
columns, and on nearly collinear columns where the explicit normal equations lose accuracy.
"""

# %%
# Imports; scikit-learn is the reference and appears only in the tests.
import os

import numpy as np
from sklearn.linear_model import LinearRegression

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: two fitting functions that return the same (slopes, intercept).
# --8<-- [start:solution]
def fit_least_squares(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares fit of y ~ X @ w + b.

    X has shape (n, d), y shape (n,). Returns (w, b), w of shape (d,). The intercept is not
    penalised or constrained: the data are centred, so b = mean(y) - mean(X) @ w. When the
    columns are collinear (rank-deficient), w is the minimum-norm solution, as in lstsq.
    """
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    # SVD-based solve: works on Xc itself, so the conditioning is cond(Xc), not cond(Xc)^2.
    w, *_ = np.linalg.lstsq(Xc, yc, rcond=None)
    return w, float(y_mean - x_mean @ w)


def fit_gradient_descent(
    X: np.ndarray, y: np.ndarray, lr: float | None = None, max_iter: int = 100_000, tol: float = 1e-10
) -> tuple[np.ndarray, float]:
    """Least-squares fit of y ~ X @ w + b by full-batch gradient descent on the mean squared error.

    Same contract as fit_least_squares. Works on centred data, so the intercept decouples from
    the slopes. lr defaults to 1 / L, where L = ||Xc||_2^2 / n is the largest curvature of the
    loss; any lr below 2 / L converges. Starting from w = 0, the iterates stay in the row space
    of Xc, so on rank-deficient data they converge to the minimum-norm solution. Stops when the
    gradient's norm falls below tol times its initial norm, or after max_iter steps.
    """
    n, d = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    if lr is None:
        lipschitz = np.linalg.norm(Xc, 2) ** 2 / n  # largest eigenvalue of Xc^T Xc / n
        lr = 1.0 / lipschitz if lipschitz > 0 else 1.0
    w = np.zeros(d)
    grad0 = None
    for _ in range(max_iter):
        grad = Xc.T @ (Xc @ w - yc) / n  # gradient of (1/2n) ||Xc w - yc||^2
        norm = np.linalg.norm(grad)
        grad0 = norm if grad0 is None else grad0
        if norm <= tol * max(grad0, 1e-300):
            break
        w = w - lr * grad
    return w, float(y_mean - x_mean @ w)
# --8<-- [end:solution]


# %%
# The tests: a worked example, the references on random data, collinear and nearly collinear
# columns, and gradient descent's step-size limit.
# --8<-- [start:tests]
def test_worked_example():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 3.0, 5.0, 7.0])
    w, b = fit_least_squares(X, y)
    w_gd, b_gd = fit_gradient_descent(X, y)
    print(f"  least squares: w = {w.round(6)}, b = {b:.6f}; gradient descent: w = {w_gd.round(6)}, b = {b_gd:.6f}")
    np.testing.assert_allclose([*w, b], [2.0, 1.0], atol=1e-12)
    np.testing.assert_allclose([*w_gd, b_gd], [2.0, 1.0], atol=1e-9)


def random_problem(rng, n, d, noise=0.5):
    """Features with non-zero means and unequal scales, a true linear model, Gaussian noise."""
    X = rng.normal(rng.normal(0, 3, d), rng.uniform(0.5, 3, d), size=(n, d))
    y = X @ rng.normal(0, 2, d) + rng.normal(0, 5) + noise * rng.normal(size=n)
    return X, y


def test_matches_sklearn_and_lstsq_on_random_data():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d in [(20, 1), (50, 3), (200, 10), (20, 30)]:  # the last: more features than rows
            X, y = random_problem(rng, n, d)
            w, b = fit_least_squares(X, y)
            ref = LinearRegression().fit(X, y)
            np.testing.assert_allclose(w, ref.coef_, rtol=1e-8, atol=1e-10)
            np.testing.assert_allclose(b, ref.intercept_, rtol=1e-8, atol=1e-10)
            # The same fitted values as lstsq on [X, 1] without centring.
            beta, *_ = np.linalg.lstsq(np.c_[X, np.ones(n)], y, rcond=None)
            np.testing.assert_allclose(X @ w + b, np.c_[X, np.ones(n)] @ beta, rtol=1e-8, atol=1e-8)


def test_gradient_descent_converges_to_the_same_solution():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d in [(50, 1), (100, 4), (300, 8)]:
            X, y = random_problem(rng, n, d)
            w, b = fit_gradient_descent(X, y)
            ref = LinearRegression().fit(X, y)
            np.testing.assert_allclose(w, ref.coef_, rtol=1e-6, atol=1e-8)
            np.testing.assert_allclose(b, ref.intercept_, rtol=1e-6, atol=1e-8)


def test_collinear_columns_give_the_minimum_norm_solution():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        X, y = random_problem(rng, 60, 3)
        X = np.c_[X, X[:, 0] - 2 * X[:, 1], X[:, 2]]  # two exactly redundant columns: rank 3 of 5
        ref = LinearRegression().fit(X, y)
        for fit in (fit_least_squares, fit_gradient_descent):
            w, b = fit(X, y)
            np.testing.assert_allclose(X @ w + b, ref.predict(X), rtol=1e-6, atol=1e-6)
            np.testing.assert_allclose(w, ref.coef_, rtol=1e-6, atol=1e-6)  # min-norm, as sklearn
        # The duplicated column shares its weight equally with its twin: the minimum-norm choice.
        w, _ = fit_least_squares(X, y)
        assert abs(w[2] - w[4]) < 1e-8
        # A column equal to another plus a constant is collinear with the intercept. Then lstsq
        # on [X, 1] puts b into the norm it minimises and picks other slopes than sklearn (and
        # this solution); the fitted values are still the same.
        X2 = np.c_[X[:, :3], X[:, 0] + 5.0]
        w, b = fit_least_squares(X2, y)
        ref = LinearRegression().fit(X2, y)
        np.testing.assert_allclose(w, ref.coef_, rtol=1e-6, atol=1e-6)
        beta, *_ = np.linalg.lstsq(np.c_[X2, np.ones(60)], y, rcond=None)
        np.testing.assert_allclose(np.c_[X2, np.ones(60)] @ beta, X2 @ w + b, rtol=1e-8, atol=1e-8)
        assert np.abs(beta[:-1] - w).max() > 1e-3


def test_nearly_collinear_columns_beat_the_explicit_normal_equations():
    # Two columns that differ by 1e-6 times noise: cond(Xc) is near 1e6, cond(Xc^T Xc) near 1e12.
    # y is exactly linear, so the true coefficients are known; lstsq recovers them to better than
    # 1e-9, while inverting Xc^T Xc, which squares the condition number, misses by more than 1e-5.
    errors_lstsq, errors_inv = [], []
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        x1 = rng.normal(size=200)
        X = np.c_[x1, x1 + 1e-6 * rng.normal(size=200), rng.normal(size=200)]
        w_true = np.array([1.0, 2.0, -1.0])
        y = X @ w_true + 3.0
        w, b = fit_least_squares(X, y)
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        w_inv = np.linalg.inv(Xc.T @ Xc) @ (Xc.T @ yc)
        errors_lstsq.append(np.abs(w - w_true).max())
        errors_inv.append(np.abs(w_inv - w_true).max())
        assert abs(b - 3.0) < 1e-6
    print(f"  coefficient error over 5 seeds: lstsq at worst {max(errors_lstsq):.1e}, "
          f"inv(X^T X) at best {min(errors_inv):.1e}")
    assert max(errors_lstsq) < 1e-9
    assert min(errors_inv) > 1e-5


def test_gradient_descent_step_size_limit():
    # The loss is quadratic with largest curvature L: a step just below 2 / L still converges,
    # one just above it diverges along the top eigenvector.
    rng = np.random.default_rng(SEED)
    X, y = random_problem(rng, 100, 4)
    Xc = X - X.mean(axis=0)
    L = np.linalg.norm(Xc, 2) ** 2 / len(X)
    ref = LinearRegression().fit(X, y)
    w, _ = fit_gradient_descent(X, y, lr=1.9 / L)
    np.testing.assert_allclose(w, ref.coef_, rtol=1e-6, atol=1e-8)
    w, _ = fit_gradient_descent(X, y, lr=2.1 / L, max_iter=2000)
    assert not np.all(np.isfinite(w)) or np.abs(w).max() > 1e6


def test_constant_target_and_single_sample_edge_cases():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(10, 3))
    for fit in (fit_least_squares, fit_gradient_descent):
        w, b = fit(X, np.full(10, 4.0))  # constant y: zero slopes, intercept = the constant
        np.testing.assert_allclose(w, 0.0, atol=1e-12)
        assert abs(b - 4.0) < 1e-12
        w, b = fit(X[:1], np.array([2.5]))  # one sample: centred X is zero, slopes 0, b = y
        np.testing.assert_allclose(w, 0.0, atol=1e-12)
        assert abs(b - 2.5) < 1e-12
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
