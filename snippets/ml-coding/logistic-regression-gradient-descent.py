"""Drill: binary logistic regression with an L2 penalty, trained by batch gradient descent.

The solution is checked against scikit-learn's LogisticRegression with the matching C (same
coefficients and probabilities), its gradient against central finite differences, and its
sigmoid and loss at logits of +-1000, where a naive formula overflows.
"""

# %%
# Imports; scikit-learn and SciPy are the references and are used only in the tests.
import os

import numpy as np
from _drill import run_tests
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: a stable sigmoid, the penalised mean log loss with its gradient, and gradient
# descent with the step 1 / L that the loss's smoothness guarantees.
# --8<-- [start:solution]
def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) elementwise, without overflow for any finite z.

    exp is only ever taken of a non-positive number: 1 / (1 + exp(-z)) for z >= 0 and
    exp(z) / (1 + exp(z)) for z < 0.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def loss_and_gradient(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray,
                      lam: float) -> tuple[float, np.ndarray, float]:
    """Penalised mean log loss and its gradient.

    J(w, b) = mean_i [log(1 + exp(z_i)) - y_i z_i] + lam / 2 * ||w||^2, with z = X w + b and
    y in {0, 1}; the intercept b is not penalised. log(1 + exp(z)) is computed as
    logaddexp(0, z), exact for large |z|. Returns (J, dJ/dw of shape (d,), dJ/db).
    """
    z = X @ w + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (w @ w)
    residual = sigmoid(z) - y  # dJ/dz_i times n
    return float(loss), X.T @ residual / len(y) + lam * w, float(residual.mean())


def fit_logistic_regression(X: np.ndarray, y: np.ndarray, lam: float = 1e-2,
                            max_iter: int = 20_000, tol: float = 1e-9) -> tuple[np.ndarray, float]:
    """Minimise J (see loss_and_gradient) by batch gradient descent from w = 0, b = 0.

    The step is 1 / L, with L = ||[X, 1]||_2^2 / (4 n) + lam an upper bound on the curvature of
    J (the sigmoid's slope is at most 1/4), so every step lowers J. Stops when every gradient
    entry is below tol in absolute value, or after max_iter steps. Returns (w (d,), b).
    """
    n, d = X.shape
    lipschitz = np.linalg.norm(np.column_stack([X, np.ones(n)]), 2) ** 2 / (4 * n) + lam
    step = 1.0 / lipschitz
    w, b = np.zeros(d), 0.0
    for _ in range(max_iter):
        _, grad_w, grad_b = loss_and_gradient(w, b, X, y, lam)
        if max(np.abs(grad_w).max(initial=0.0), abs(grad_b)) < tol:
            break
        w, b = w - step * grad_w, b - step * grad_b
    return w, b
# --8<-- [end:solution]


# %%
# Tests: the worked example, scikit-learn, finite differences, extreme logits, and the property
# the unpenalised intercept gives: mean predicted probability = base rate.
# --8<-- [start:tests]
def sklearn_fit(X, y, lam):
    """scikit-learn minimises C * sum(loss) + ||w||^2 / 2, the same optimum when C = 1 / (n lam)."""
    model = LogisticRegression(C=1.0 / (len(y) * lam), solver="newton-cholesky", tol=1e-12, max_iter=1000)
    return model.fit(X, y)


def test_worked_example():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w, b = fit_logistic_regression(X, y, lam=0.1)
    print(f"      w = {w.round(4).tolist()}, b = {b:.4f}, "
          f"p = {sigmoid(X @ w + b).round(4).tolist()}")
    np.testing.assert_allclose(w, [1.5077], atol=1e-4)
    np.testing.assert_allclose(b, -2.2615, atol=1e-4)
    np.testing.assert_allclose(sigmoid(X @ w + b), [0.0944, 0.32, 0.68, 0.9056], atol=1e-4)


def test_matches_sklearn_on_random_inputs():
    # Coefficients and intercept within 1e-6, probabilities within 1e-7.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, lam in [(50, 2, 0.1), (300, 5, 1e-2), (1000, 10, 1e-3)]:
            X = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d)
            y = (rng.random(n) < expit(X @ rng.normal(size=d) + 0.5)).astype(float)
            w, b = fit_logistic_regression(X, y, lam=lam)
            ref = sklearn_fit(X, y, lam)
            np.testing.assert_allclose(w, ref.coef_[0], atol=1e-6)
            np.testing.assert_allclose(b, ref.intercept_[0], atol=1e-6)
            np.testing.assert_allclose(sigmoid(X @ w + b), ref.predict_proba(X)[:, 1], atol=1e-7)


def test_gradient_matches_finite_differences():
    # Central differences with h = 1e-6: agreement to 1e-6 relative to the gradient's size.
    rng = np.random.default_rng(SEED)
    X, y = rng.normal(size=(40, 4)), rng.integers(0, 2, size=40).astype(float)
    w, b, lam, h = rng.normal(size=4), 0.3, 0.05, 1e-6
    _, grad_w, grad_b = loss_and_gradient(w, b, X, y, lam)
    numeric = np.array([(loss_and_gradient(w + h * e, b, X, y, lam)[0]
                         - loss_and_gradient(w - h * e, b, X, y, lam)[0]) / (2 * h) for e in np.eye(4)])
    numeric_b = (loss_and_gradient(w, b + h, X, y, lam)[0] - loss_and_gradient(w, b - h, X, y, lam)[0]) / (2 * h)
    exact = np.r_[grad_w, grad_b]
    assert np.abs(np.r_[numeric, numeric_b] - exact).max() < 1e-6 * np.abs(exact).max()


def test_extreme_logits_do_not_overflow():
    # No overflow, division by zero or NaN is allowed (underflow to 0 is harmless); values to 1e-15 relative to SciPy's expit.
    z = np.array([-1000.0, -700.0, -30.0, -1e-3, 0.0, 1e-3, 30.0, 700.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = sigmoid(z)
        loss_pos, _, _ = loss_and_gradient(np.array([1.0]), 0.0, np.array([[-1000.0]]), np.array([1.0]), 0.0)
        loss_neg, _, _ = loss_and_gradient(np.array([1.0]), 0.0, np.array([[-1000.0]]), np.array([0.0]), 0.0)
        loss_up_pos, _, _ = loss_and_gradient(np.array([1.0]), 0.0, np.array([[1000.0]]), np.array([1.0]), 0.0)
        loss_up_neg, _, _ = loss_and_gradient(np.array([1.0]), 0.0, np.array([[1000.0]]), np.array([0.0]), 0.0)
    np.testing.assert_allclose(p, expit(z), rtol=1e-15, atol=0)
    assert loss_pos == 1000.0 and loss_neg == 0.0  # -log sigmoid(-1000) and -log(1 - sigmoid(-1000))
    assert loss_up_neg == 1000.0 and loss_up_pos == 0.0  # the same at z = +1000, labels swapped


def test_mean_probability_equals_base_rate():
    # The intercept is not penalised, so at the optimum dJ/db = mean(p - y) = 0.
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(200, 3))
        y = (rng.random(200) < 0.2 + 0.6 * (X[:, 0] > 1)).astype(float)
        w, b = fit_logistic_regression(X, y, lam=0.5)
        assert abs(sigmoid(X @ w + b).mean() - y.mean()) < 1e-8


def test_separable_data_with_penalty_stays_finite():
    # Without a penalty the weights of separable data grow without bound; with lam > 0 the
    # optimum is finite and gradient descent reaches scikit-learn's.
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w, b = fit_logistic_regression(X, y, lam=1e-2)
    ref = sklearn_fit(X, y, 1e-2)
    assert np.all(np.isfinite(w)) and np.isfinite(b)
    np.testing.assert_allclose(w, ref.coef_[0], atol=1e-6)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
