"""Drill: fit a Gaussian mixture with full covariances by expectation-maximisation in NumPy.

The E-step computes log-densities through a Cholesky factor and normalises the responsibilities
with log-sum-exp; the M-step re-estimates weights, means and covariances, adding a small
regulariser to each covariance's diagonal. The tests compare the E-step with SciPy's
multivariate normal density, and the whole fit with scikit-learn's GaussianMixture started from
the same parameters (same reg_covar, tol and stopping rule). They check that the log-likelihood
never decreases, that far-away points do not underflow, that relabelling the components
relabels the result, and that the regulariser stops a component collapsing onto repeated points.
"""

# %%
# Imports; SciPy and scikit-learn are the independent references, used only by the tests.
import os
import warnings

import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.mixture import GaussianMixture

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: a log-density, an E-step, an M-step and the loop with its stopping rule.
# --8<-- [start:solution]
def log_gaussian(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    """Log-density of N(mean, cov) at each row of X (n, d), via the Cholesky factor of cov.

    Raises numpy.linalg.LinAlgError if cov is not positive definite.
    """
    d = X.shape[1]
    chol = np.linalg.cholesky(cov)                       # cov = L L^T
    z = np.linalg.solve(chol, (X - mean).T)              # L z = x - mean, so |z|^2 is the Mahalanobis term
    log_det = 2.0 * np.log(np.diag(chol)).sum()
    return -0.5 * (d * np.log(2.0 * np.pi) + log_det + (z * z).sum(axis=0))


def e_step(X: np.ndarray, weights: np.ndarray, means: np.ndarray,
           covariances: np.ndarray) -> tuple[np.ndarray, float]:
    """Log-responsibilities (n, k) and the mean log-likelihood per sample at these parameters.

    Works in log space throughout: log w_j + log N(x | mean_j, cov_j), normalised per row with
    log-sum-exp, so points far from every component do not underflow to 0 / 0.
    """
    log_joint = np.column_stack([np.log(w) + log_gaussian(X, m, c)
                                 for w, m, c in zip(weights, means, covariances)])
    top = log_joint.max(axis=1, keepdims=True)
    log_norm = top[:, 0] + np.log(np.exp(log_joint - top).sum(axis=1))
    return log_joint - log_norm[:, None], float(log_norm.mean())


def m_step(X: np.ndarray, resp: np.ndarray, reg_covar: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights (k,), means (k, d) and covariances (k, d, d) from responsibilities resp (n, k).

    Each covariance gets reg_covar added to its diagonal. A tiny constant (10 machine epsilons,
    as in scikit-learn) is added to each component's total responsibility to avoid 0 / 0.
    """
    n, d = X.shape
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    means = resp.T @ X / nk[:, None]
    covariances = np.empty((len(nk), d, d))
    for j in range(len(nk)):
        diff = X - means[j]
        covariances[j] = (resp[:, j, None] * diff).T @ diff / nk[j] + reg_covar * np.eye(d)
    return nk / n, means, covariances


def gmm_em(X: np.ndarray, weights: np.ndarray, means: np.ndarray, covariances: np.ndarray,
           reg_covar: float = 1e-6, tol: float = 1e-3, max_iter: int = 100):
    """EM for a Gaussian mixture with full covariances, from the given initial parameters.

    Each iteration runs an E-step (recording the mean log-likelihood per sample at the current
    parameters) and an M-step; it stops when that log-likelihood changes by less than tol from
    the previous iteration, or after max_iter iterations (scikit-learn's rule).
    Returns (weights, means, covariances, log_likelihoods), where log_likelihoods[i] is the
    mean log-likelihood before the M-step of iteration i.
    """
    history, previous = [], -np.inf
    for _ in range(max_iter):
        log_resp, log_likelihood = e_step(X, weights, means, covariances)
        weights, means, covariances = m_step(X, np.exp(log_resp), reg_covar)
        history.append(log_likelihood)
        if abs(log_likelihood - previous) < tol:
            break
        previous = log_likelihood
    return weights, means, covariances, np.array(history)
# --8<-- [end:solution]


# %%
# The tests. The scikit-learn reference is given the same starting weights, means and
# precisions (inverse covariances), so both runs follow the same deterministic path.
# --8<-- [start:tests]
def random_mixture_data(rng, n, d, k):
    centres = rng.normal(0, 4, size=(k, d))
    labels = rng.integers(0, k, size=n)
    scales = [np.linalg.cholesky(np.atleast_2d(np.cov(rng.normal(size=(d, 3 * d))))) for _ in range(k)]
    return np.vstack([centres[c] + scales[c] @ rng.normal(size=d) for c in labels])


def random_start(rng, X, k):
    d = X.shape[1]
    weights = rng.dirichlet(np.full(k, 5.0))
    means = X[rng.choice(len(X), size=k, replace=False)]
    covariances = np.array([np.atleast_2d(np.cov(X.T)) * rng.uniform(0.3, 1.0) for _ in range(k)])
    return weights, means, covariances


def sklearn_fit(X, weights, means, covariances, reg_covar, tol, max_iter):
    gm = GaussianMixture(n_components=len(weights), covariance_type="full", reg_covar=reg_covar, tol=tol,
                         max_iter=max_iter, n_init=1, init_params="random", random_state=0,
                         weights_init=weights, means_init=means, precisions_init=np.linalg.inv(covariances))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # a ConvergenceWarning when max_iter is reached
        return gm.fit(X)


def test_worked_example():
    X = np.array([[0.0], [0.2], [5.0], [5.2]])
    w, m, c, history = gmm_em(X, np.array([0.5, 0.5]), np.array([[0.0], [5.0]]), np.ones((2, 1, 1)))
    print(f"weights {w.round(4).tolist()}, means {m.ravel().round(4).tolist()}, "
          f"variances {c.ravel().round(4).tolist()} after {len(history)} iterations")
    assert len(history) == 3
    np.testing.assert_allclose(w, [0.5, 0.5], atol=1e-6)
    np.testing.assert_allclose(m.ravel(), [0.1, 5.1], atol=1e-6)
    np.testing.assert_allclose(c.ravel(), [0.01, 0.01], atol=1e-5)


def test_e_step_matches_scipy_even_far_from_every_component():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, k in [(50, 1, 2), (80, 3, 3), (60, 5, 4)]:
            X = random_mixture_data(rng, n, d, k)
            X[:3] += 1e3                       # three points thousands of standard deviations away
            weights, means, covariances = random_start(rng, X[3:], k)
            log_resp, mean_ll = e_step(X, weights, means, covariances)
            log_joint = np.column_stack([np.log(w) + multivariate_normal(m, c).logpdf(X)
                                         for w, m, c in zip(weights, means, covariances)])
            np.testing.assert_allclose(log_resp, log_joint - logsumexp(log_joint, axis=1, keepdims=True),
                                       rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(mean_ll, logsumexp(log_joint, axis=1).mean(), rtol=1e-12)
            np.testing.assert_allclose(np.exp(log_resp).sum(axis=1), 1.0, rtol=1e-12)
            # The densities themselves underflow there: naive responsibilities would be 0 / 0.
            assert np.all(np.exp(log_joint[:3]) == 0.0)
    # exp underflows below about -745: a 1-D point 39 standard deviations out has density 0.
    assert np.exp(-0.5 * 39.0 ** 2) == 0.0 and np.exp(-0.5 * 38.0 ** 2) > 0.0


def test_matches_sklearn_from_the_same_start():
    worst, iterations = 0.0, []
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed + 1000)
        for n, d, k, tol in [(300, 2, 3, 1e-3), (400, 3, 2, 1e-6), (250, 4, 4, 1e-4)]:
            X = random_mixture_data(rng, n, d, k)
            start = random_start(rng, X, k)
            w, m, c, history = gmm_em(X, *start, reg_covar=1e-6, tol=tol, max_iter=300)
            gm = sklearn_fit(X, *start, reg_covar=1e-6, tol=tol, max_iter=300)
            assert len(history) == gm.n_iter_
            np.testing.assert_allclose(history, gm.lower_bounds_, rtol=1e-9)
            np.testing.assert_allclose(w, gm.weights_, rtol=1e-7, atol=1e-9)
            np.testing.assert_allclose(m, gm.means_, rtol=1e-7, atol=1e-7)
            np.testing.assert_allclose(c, gm.covariances_, rtol=1e-7, atol=1e-7)
            worst = max(worst, np.abs(w - gm.weights_).max(), np.abs(m - gm.means_).max(),
                        np.abs(c - gm.covariances_).max())
            iterations.append(len(history))
    assert worst < 1e-9
    print(f"same number of iterations as scikit-learn ({min(iterations)} to {max(iterations)}); "
          "weights, means and covariances equal to 1e-9")


def test_log_likelihood_never_decreases():
    # Exact EM (reg_covar = 0) can only increase the likelihood: each iteration maximises a lower
    # bound that touches the log-likelihood at the current parameters.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed + 2000)
        X = random_mixture_data(rng, 300, 2, 3)
        _, _, _, history = gmm_em(X, *random_start(rng, X, 3), reg_covar=0.0, tol=0.0, max_iter=60)
        assert len(history) == 60
        assert np.all(np.diff(history) >= -1e-12), np.diff(history).min()
        assert history[-1] > history[0]


def test_relabelling_components_relabels_the_result():
    rng = np.random.default_rng(SEED + 3000)
    X = random_mixture_data(rng, 200, 3, 3)
    w, m, c = random_start(rng, X, 3)
    order = np.array([2, 0, 1])
    a = gmm_em(X, w, m, c, max_iter=50)
    b = gmm_em(X, w[order], m[order], c[order], max_iter=50)
    for x, y in zip(a[:3], b[:3]):
        np.testing.assert_allclose(x[order], y, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a[0].sum(), 1.0, rtol=1e-12)
    assert all(np.linalg.eigvalsh(cov).min() > 0 for cov in a[2])


def test_regulariser_stops_collapse_on_repeated_points():
    # Twenty copies of one point, and a component started on them with a small covariance: it
    # takes them all, and its maximum-likelihood covariance is exactly zero.
    rng = np.random.default_rng(SEED + 4000)
    X = np.vstack([rng.normal(0, 1, size=(100, 2)), np.tile([8.0, 8.0], (20, 1))])
    weights, means = np.array([0.8, 0.2]), np.array([[0.0, 0.0], [8.0, 8.0]])
    covariances = np.array([np.eye(2), 0.01 * np.eye(2)])
    for reg in (0.0, 1e-6):
        _, _, c, _ = gmm_em(X, weights, means, covariances, reg_covar=reg, max_iter=1)
        smallest = np.linalg.eigvalsh(c[1]).min()
        print(f"reg_covar {reg:g}: smallest eigenvalue of the collapsed covariance {smallest:.1e}")
        np.testing.assert_allclose(smallest, reg, rtol=1e-6, atol=1e-20)
    # With the regulariser, EM runs on and the likelihood stays finite.
    w, m, c, history = gmm_em(X, weights, means, covariances, reg_covar=1e-6, max_iter=20)
    assert np.isfinite(history).all() and np.linalg.eigvalsh(c[1]).min() >= 1e-6 * (1 - 1e-9)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
