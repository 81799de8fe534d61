"""Drill: principal component analysis through the SVD of the centred data, in NumPy.

The solution is checked against scikit-learn's PCA (svd_solver="full"): components up to sign
(and exactly, since both use the same sign rule), explained variances and ratios, transform and
inverse transform. It is also checked against an eigendecomposition of the covariance matrix
(the reconstruction error equals the sum of the discarded eigenvalues), and on a tiny variance
that the covariance route loses and the SVD keeps.
"""

# %%
# Imports; scikit-learn is the reference and is used only in the tests.
import os

import numpy as np
from _drill import run_tests
from sklearn.decomposition import PCA

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: centre, one thin SVD, a sign rule that makes the output deterministic, and the
# variances read off the singular values.
# --8<-- [start:solution]
def pca_fit(X: np.ndarray, n_components: int) -> dict:
    """Fit PCA with n_components components to X (n, d), n >= 2.

    Returns a dict with "mean" (d,), "components" (n_components, d) with orthonormal rows in
    decreasing order of variance, "explained_variance" (the variances along them, with the
    n - 1 denominator), "explained_variance_ratio" (their shares of the total variance) and
    "singular_values". Sign rule: in each component the entry of largest absolute value is
    positive. Raises ValueError unless 1 <= n_components <= min(n, d) and n >= 2.
    """
    n, d = X.shape
    if n < 2 or not 1 <= n_components <= min(n, d):
        raise ValueError(f"need n >= 2 and 1 <= n_components <= min(n, d), got {n_components} for {X.shape}")
    mean = X.mean(axis=0)
    _, S, Vt = np.linalg.svd(X - mean, full_matrices=False)   # thin SVD: Vt is (min(n, d), d)
    signs = np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(axis=1)])
    Vt *= signs[:, None]
    variance = S**2 / (n - 1)
    return {
        "mean": mean,
        "components": Vt[:n_components],
        "explained_variance": variance[:n_components],
        "explained_variance_ratio": variance[:n_components] / variance.sum(),
        "singular_values": S[:n_components],
    }


def pca_transform(model: dict, X: np.ndarray) -> np.ndarray:
    """Coordinates (n, n_components) of the rows of X on the components: (X - mean) V."""
    return (X - model["mean"]) @ model["components"].T


def pca_inverse_transform(model: dict, Z: np.ndarray) -> np.ndarray:
    """Rows (n, d) rebuilt from their coordinates Z: Z V^T + mean (exact if nothing was dropped)."""
    return Z @ model["components"] + model["mean"]
# --8<-- [end:solution]


# %%
# Tests: the worked example, scikit-learn, the covariance eigendecomposition, the sign rule, a
# tiny variance, and edge cases.
# --8<-- [start:tests]
def anisotropic(rng, n, d):
    """Gaussian data with well-separated variances along random directions, away from 0."""
    scales = np.geomspace(5.0, 0.1, d)
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return rng.normal(size=(n, d)) * scales @ rotation.T + rng.normal(scale=10.0, size=d)


def test_worked_example():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    model = pca_fit(X, 1)
    Z = pca_transform(model, X)
    print(f"      component {model['components'].round(4).tolist()}, "
          f"ratio {model['explained_variance_ratio'].round(4).tolist()}, scores {Z[:, 0].round(4).tolist()}")
    np.testing.assert_allclose(model["components"], [[0.7071, 0.7071]], atol=1e-4)
    np.testing.assert_allclose(model["explained_variance_ratio"], [1.0], atol=1e-12)
    np.testing.assert_allclose(Z[:, 0], [-1.4142, 0.0, 1.4142], atol=1e-4)


def test_matches_sklearn_pca():
    # Tall and wide data. Components equal up to sign to 1e-10, and equal outright because the
    # sign rule is scikit-learn's; variances, ratios, transform and inverse to 1e-10 (relative).
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, k in [(50, 3, 2), (500, 10, 4), (20, 40, 5)]:
            X = anisotropic(rng, n, d)
            model = pca_fit(X, k)
            ref = PCA(n_components=k, svd_solver="full").fit(X)
            V, V_ref = model["components"], ref.components_
            flips = np.sign((V * V_ref).sum(axis=1))[:, None]
            np.testing.assert_allclose(V * flips, V_ref, atol=1e-10)
            np.testing.assert_allclose(V, V_ref, atol=1e-10)
            np.testing.assert_allclose(model["explained_variance"], ref.explained_variance_, rtol=1e-10)
            np.testing.assert_allclose(model["explained_variance_ratio"], ref.explained_variance_ratio_, rtol=1e-10)
            np.testing.assert_allclose(model["singular_values"], ref.singular_values_, rtol=1e-10)
            Z = pca_transform(model, X)
            np.testing.assert_allclose(Z, ref.transform(X), rtol=1e-10, atol=1e-10)
            np.testing.assert_allclose(pca_inverse_transform(model, Z), ref.inverse_transform(ref.transform(X)),
                                       rtol=1e-10, atol=1e-10)


def test_invariants_against_covariance_eigenvalues():
    # Orthonormal components, uncorrelated scores whose variances are the explained variances,
    # and a reconstruction error (divided by n - 1) equal to the sum of the covariance
    # eigenvalues that were dropped, all to 1e-9.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        X = anisotropic(rng, 300, 8)
        eigenvalues = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
        for k in (1, 3, 8):
            model = pca_fit(X, k)
            V, Z = model["components"], pca_transform(model, X)
            np.testing.assert_allclose(V @ V.T, np.eye(k), atol=1e-12)
            np.testing.assert_allclose(np.cov(Z, rowvar=False).reshape(k, k), np.diag(model["explained_variance"]),
                                       rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(model["explained_variance"], eigenvalues[:k], rtol=1e-9)
            error = ((X - pca_inverse_transform(model, Z)) ** 2).sum() / (len(X) - 1)
            np.testing.assert_allclose(error, eigenvalues[k:].sum(), rtol=1e-9, atol=1e-9)


def test_sign_rule():
    # The largest entry (in absolute value) of every component is positive, so flipping the
    # data's sign leaves the components unchanged and negates the scores.
    rng = np.random.default_rng(SEED)
    X = anisotropic(rng, 100, 6)
    model, flipped = pca_fit(X, 6), pca_fit(-X, 6)
    V = model["components"]
    assert np.all(V[np.arange(6), np.abs(V).argmax(axis=1)] > 0)
    np.testing.assert_allclose(flipped["components"], V, atol=1e-12)
    np.testing.assert_allclose(pca_transform(flipped, -X), -pca_transform(model, X), atol=1e-9)


def test_tiny_variance_survives():
    # Data built with singular values 1, 1e-3 and 1e-9 around a mean of 5. The SVD recovers the
    # smallest variance to 1e-4 (relative); the eigenvalues of the covariance matrix, which
    # squares the singular values, miss it by more than 50 %.
    rng = np.random.default_rng(SEED)
    n = 100
    M = rng.normal(size=(n, 3))
    U, _ = np.linalg.qr(M - M.mean(axis=0))                        # orthonormal, centred columns
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    s = np.array([1.0, 1e-3, 1e-9])
    X = 5.0 + U @ np.diag(s) @ V.T
    truth = s**2 / (n - 1)
    np.testing.assert_allclose(pca_fit(X, 3)["explained_variance"], truth, rtol=1e-4)
    via_covariance = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
    assert abs(via_covariance[2] - truth[2]) > 0.5 * truth[2]


def test_edge_cases():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(5, 3))
    for k in (0, 4):
        try:
            pca_fit(X, k)
        except ValueError:
            pass
        else:
            raise AssertionError(f"n_components={k} should raise ValueError for shape {X.shape}")
    model = pca_fit(X, 3)                                          # keep everything: exact
    np.testing.assert_allclose(pca_inverse_transform(model, pca_transform(model, X)), X, atol=1e-12)
    np.testing.assert_allclose(model["explained_variance_ratio"].sum(), 1.0, rtol=1e-12)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
