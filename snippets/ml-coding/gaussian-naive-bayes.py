"""Drill: Gaussian naive Bayes, fitted by per-class means and variances and evaluated in log space.

The solution stores log priors, class means and variances (with scikit-learn's variance
smoothing: a fraction of the largest feature variance added to every variance) and turns the
joint log-likelihoods into probabilities with a log-sum-exp. The tests compare it with
scikit-learn's GaussianNB on random data of several shapes and smoothing values, on a
2,000-feature problem where multiplying densities underflows, and on zero-variance features.
"""

# %%
# Imports; scikit-learn is the reference and appears only in the tests.
import os

import numpy as np
from sklearn.naive_bayes import GaussianNB

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: fit the per-class statistics, then score in log space.
# --8<-- [start:solution]
def fit_gaussian_nb(X: np.ndarray, y: np.ndarray, var_smoothing: float = 1e-9) -> dict:
    """Fit Gaussian naive Bayes.

    X has shape (n, d), y shape (n,) with any sortable labels. Returns a dict with "classes"
    (sorted unique labels, shape (C,)), "log_prior" (C,), "mean" (C, d) and "var" (C, d).
    Variances are maximum-likelihood (divide by the class count) plus
    epsilon = var_smoothing * (largest variance of any feature over all of X), as in
    scikit-learn, so a feature constant within a class never gives a zero variance. If every
    feature of X is constant, epsilon is 0 and that guarantee is lost.
    """
    classes, y_index, counts = np.unique(y, return_inverse=True, return_counts=True)
    epsilon = var_smoothing * X.var(axis=0).max()
    mean = np.array([X[y_index == c].mean(axis=0) for c in range(len(classes))])
    var = np.array([X[y_index == c].var(axis=0) for c in range(len(classes))]) + epsilon
    return {"classes": classes, "log_prior": np.log(counts / len(y)), "mean": mean, "var": var}


def joint_log_likelihood(model: dict, X: np.ndarray) -> np.ndarray:
    """log p(class) + sum over features of log N(x_j; mean_cj, var_cj), shape (n, C)."""
    scores = []
    for log_prior, mean, var in zip(model["log_prior"], model["mean"], model["var"]):
        # One class at a time: O(n d) memory instead of an (n, C, d) array.
        log_norm = -0.5 * np.sum(np.log(2.0 * np.pi * var))
        scores.append(log_prior + log_norm - 0.5 * np.sum((X - mean) ** 2 / var, axis=1))
    return np.stack(scores, axis=1)


def predict_proba_gaussian_nb(model: dict, X: np.ndarray) -> np.ndarray:
    """Posterior class probabilities, shape (n, C), columns in the order of model["classes"].

    Normalised with a log-sum-exp (subtract the row maximum before exponentiating), so that
    thousands of features, whose densities multiply to far below the smallest double, still
    give probabilities that sum to 1.
    """
    jll = joint_log_likelihood(model, X)
    jll = jll - jll.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(jll).sum(axis=1, keepdims=True))
    return np.exp(jll - log_norm)


def predict_gaussian_nb(model: dict, X: np.ndarray) -> np.ndarray:
    """The most probable class label for each row, shape (n,)."""
    return model["classes"][np.argmax(joint_log_likelihood(model, X), axis=1)]
# --8<-- [end:solution]


# %%
# The tests: the worked example, scikit-learn on random data, underflow, zero variances.
# --8<-- [start:tests]
def test_worked_example():
    X = np.array([[1.0], [2.0], [3.0], [6.0], [7.0], [8.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    model = fit_gaussian_nb(X, y)
    proba = predict_proba_gaussian_nb(model, np.array([[4.0], [4.5]]))
    print(f"  means {model['mean'].ravel()}, variances {model['var'].ravel().round(4)}")
    print(f"  P(class | x=4.0) = {proba[0].round(3)}, P(class | x=4.5) = {proba[1].round(3)}")
    np.testing.assert_allclose(model["mean"].ravel(), [2.0, 7.0])
    epsilon = 1e-9 * 41.5 / 6  # var_smoothing times the variance of the only feature
    np.testing.assert_allclose(model["var"].ravel(), [2 / 3 + epsilon] * 2, rtol=1e-12)
    np.testing.assert_allclose(proba[0, 0], 1 / (1 + np.exp(-3.75)), rtol=1e-8)  # log-odds 15/4
    np.testing.assert_allclose(proba[1], [0.5, 0.5], rtol=1e-12)


def random_data(rng, n, d, n_classes):
    """Classes with their own means and scales, unequal class sizes, features of unequal scale."""
    y = rng.choice(n_classes, size=n, p=rng.dirichlet(np.full(n_classes, 2.0)))
    y[:n_classes] = np.arange(n_classes)  # every class present
    centres = rng.normal(0, 2, (n_classes, d))
    scales = rng.uniform(0.3, 3.0, (n_classes, d)) * rng.uniform(0.1, 10, d)
    return centres[y] + scales[y] * rng.normal(size=(n, d)), y


def test_matches_sklearn_on_random_data():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, n_classes in [(30, 1, 2), (200, 5, 3), (500, 20, 6)]:
            X, y = random_data(rng, n, d, n_classes)
            X_new = X[: n // 2] + rng.normal(0, 1, (n // 2, d))
            for var_smoothing in (1e-9, 1e-2, 1.0):
                model = fit_gaussian_nb(X, y, var_smoothing)
                ref = GaussianNB(var_smoothing=var_smoothing).fit(X, y)
                np.testing.assert_allclose(model["mean"], ref.theta_, rtol=1e-10, atol=1e-12)
                np.testing.assert_allclose(model["var"], ref.var_, rtol=1e-9)
                np.testing.assert_allclose(np.exp(model["log_prior"]), ref.class_prior_, rtol=1e-12)
                proba = predict_proba_gaussian_nb(model, X_new)
                np.testing.assert_allclose(proba, ref.predict_proba(X_new), rtol=1e-7, atol=1e-12)
                np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
                assert np.array_equal(predict_gaussian_nb(model, X_new), ref.predict(X_new))


def test_log_space_survives_thousands_of_features():
    rng = np.random.default_rng(SEED)
    X, y = random_data(rng, 300, 2000, 3)
    model = fit_gaussian_nb(X, y)
    # Multiplying 2,000 densities in linear space underflows to 0 for every class: 0 / 0.
    dens = np.exp(-0.5 * (X[:5, None, :] - model["mean"]) ** 2 / model["var"]) / np.sqrt(
        2 * np.pi * model["var"])
    naive = np.exp(model["log_prior"]) * dens.prod(axis=2)
    assert np.all(naive == 0.0)
    proba = predict_proba_gaussian_nb(model, X[:5])
    ref = GaussianNB().fit(X, y).predict_proba(X[:5])
    assert np.all(np.isfinite(proba))
    np.testing.assert_allclose(proba, ref, rtol=1e-7, atol=1e-12)


def test_zero_variance_features_and_string_labels():
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(40, 3))
    X[:, 1] = 5.0                        # constant everywhere: epsilon comes from other features
    y = np.array(["cat"] * 20 + ["dog"] * 19 + ["eel"])  # "eel" has one sample: zero variances
    X[:20, 2] = -1.0                     # constant within "cat" only
    model = fit_gaussian_nb(X, y)
    ref = GaussianNB().fit(X, y)
    assert list(model["classes"]) == ["cat", "dog", "eel"]
    assert np.all(model["var"] > 0)
    X_new = rng.normal(size=(10, 3))
    proba = predict_proba_gaussian_nb(model, X_new)
    assert np.all(np.isfinite(proba))
    np.testing.assert_allclose(proba, ref.predict_proba(X_new), rtol=1e-7, atol=1e-12)
    assert np.array_equal(predict_gaussian_nb(model, X_new), ref.predict(X_new))
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
