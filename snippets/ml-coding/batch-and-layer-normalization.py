"""Drill: forward and backward passes of batch normalisation and layer normalisation in NumPy.

Batch norm normalises each feature over the batch and keeps running statistics for inference;
layer norm normalises each sample over its features. The tests check the forward passes against
scikit-learn's StandardScaler (with eps = 0), the closed-form backward passes against central
finite differences, the running statistics against NumPy's mean and unbiased variance, and the
invariants: zero-sum input gradients, per-sample independence in evaluation mode, a batch of one,
and a constant feature.
"""

# %%
# Imports; StandardScaler is the independent reference for the forward passes, used only by tests.
import os

import numpy as np
from sklearn.preprocessing import StandardScaler

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: both layers share one backward formula, applied along a different axis.
# --8<-- [start:solution]
def normalize_backward(dout: np.ndarray, xhat: np.ndarray, inv_std: np.ndarray,
                       gamma: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward of out = gamma * xhat + beta with xhat = (x - mean) * inv_std, where the mean and
    the biased variance are taken along `axis` (0: batch norm, 1: layer norm).

    Returns (dx, dgamma, dbeta); gamma and beta are per feature, so their gradients sum over rows.
    """
    dxhat = dout * gamma
    dx = inv_std * (dxhat - dxhat.mean(axis=axis, keepdims=True)
                    - xhat * (dxhat * xhat).mean(axis=axis, keepdims=True))
    return dx, (dout * xhat).sum(axis=0), dout.sum(axis=0)


def batchnorm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray,
                      running_mean: np.ndarray, running_var: np.ndarray,
                      momentum: float = 0.1, eps: float = 1e-5, training: bool = True):
    """Batch normalisation of x (N, D) over the batch axis, one (gamma, beta) per feature.

    Training: normalise with the batch mean and biased batch variance, and return running
    statistics updated as running = (1 - momentum) * running + momentum * batch_stat, where the
    variance fed to the running average is the unbiased one (PyTorch's convention).
    Evaluation: normalise with running_mean and running_var; the running statistics are returned
    unchanged. Inputs are never modified in place.
    Returns (out, cache, new_running_mean, new_running_var).
    Raises ValueError in training mode if N < 2 (no variance from one sample).
    """
    if training:
        n = x.shape[0]
        if n < 2:
            raise ValueError("batch norm needs at least 2 samples per batch in training mode")
        mean, var = x.mean(axis=0), x.var(axis=0)
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * inv_std
    cache = (xhat, inv_std, gamma, training)
    return gamma * xhat + beta, cache, running_mean, running_var


def batchnorm_backward(dout: np.ndarray, cache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) of batch norm given dL/dout, from either mode's cache.

    In evaluation mode the statistics are constants, so dx = dout * gamma * inv_std.
    """
    xhat, inv_std, gamma, training = cache
    if not training:
        return dout * gamma * inv_std, (dout * xhat).sum(axis=0), dout.sum(axis=0)
    return normalize_backward(dout, xhat, inv_std, gamma, axis=0)


def layernorm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5):
    """Layer normalisation of each row of x (N, D) over its D features; same in training and
    evaluation, no running statistics. Returns (out, cache)."""
    mean, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = (x - mean) * inv_std
    return gamma * xhat + beta, (xhat, inv_std, gamma)


def layernorm_backward(dout: np.ndarray, cache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) of layer norm given dL/dout."""
    xhat, inv_std, gamma = cache
    return normalize_backward(dout, xhat, inv_std, gamma, axis=1)
# --8<-- [end:solution]


# %%
# The tests. Finite differences: loss = sum(out * R) for a fixed random R, so dL/dout = R, and
# each partial derivative is (L(theta + h) - L(theta - h)) / (2h) with h = 1e-6.
# --8<-- [start:tests]
def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


def numerical_gradient(f, theta, h=1e-6):
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        old = theta[idx]
        theta[idx] = old + h
        up = f()
        theta[idx] = old - h
        down = f()
        theta[idx] = old
        grad[idx] = (up - down) / (2 * h)
    return grad


def layers(rng, d):
    """The three layers under test, as forward(x, gamma, beta) -> (out, cache) and backward."""
    rm, rv = rng.normal(size=d), rng.uniform(0.5, 2.0, size=d)
    return {
        "batch norm, training": (lambda x, g, b: batchnorm_forward(x, g, b, rm, rv)[:2], batchnorm_backward),
        "batch norm, evaluation": (lambda x, g, b: batchnorm_forward(x, g, b, rm, rv, training=False)[:2],
                                   batchnorm_backward),
        "layer norm": (layernorm_forward, layernorm_backward),
    }


def test_worked_example():
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    ones, zeros = np.ones(2), np.zeros(2)
    bn, _, rm, rv = batchnorm_forward(x, ones, zeros, zeros, ones, momentum=0.1, eps=0.0)
    ln, _ = layernorm_forward(x, ones, zeros, eps=0.0)
    print("batch norm:", bn.round(12).tolist(), "| running mean:", rm.round(12).tolist(),
          "| running var:", rv.round(12).tolist())
    print("layer norm:", ln.round(12).tolist())
    np.testing.assert_allclose(bn, [[-1.0, -1.0], [1.0, 1.0]], rtol=1e-12)
    np.testing.assert_allclose(ln, [[-1.0, 1.0], [-1.0, 1.0]], rtol=1e-12)
    np.testing.assert_allclose(rm, [0.2, 0.4], rtol=1e-12)
    np.testing.assert_allclose(rv, [1.1, 1.7], rtol=1e-12)


def test_forward_matches_standard_scaler_and_normalises():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d in [(2, 2), (5, 3), (32, 8), (7, 50)]:
            x = rng.normal(3.0, 2.0, size=(n, d))
            ones, zeros = np.ones(d), np.zeros(d)
            bn = batchnorm_forward(x, ones, zeros, zeros, ones, eps=0.0)[0]
            ln = layernorm_forward(x, ones, zeros, eps=0.0)[0]
            np.testing.assert_allclose(bn, StandardScaler().fit_transform(x), rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(ln, StandardScaler().fit_transform(x.T).T, rtol=1e-10, atol=1e-12)
            # With eps > 0: mean 0, variance var / (var + eps) per feature (BN) or per sample (LN).
            gamma, beta = rng.normal(size=d), rng.normal(size=d)
            eps = 1e-3
            bn = (batchnorm_forward(x, gamma, beta, zeros, ones, eps=eps)[0] - beta) / gamma
            ln = (layernorm_forward(x, gamma, beta, eps=eps)[0] - beta) / gamma
            for out, axis in [(bn, 0), (ln, 1)]:
                v = x.var(axis=axis)
                np.testing.assert_allclose(out.mean(axis=axis), 0.0, atol=1e-10)
                np.testing.assert_allclose(out.var(axis=axis), v / (v + eps), rtol=1e-10)


def test_backward_matches_finite_differences():
    worst = {}
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        for n, d in [(4, 3), (8, 5), (3, 9)]:
            x, gamma, beta = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=d)
            r = rng.normal(size=(n, d))
            for name, (forward, backward) in layers(rng, d).items():
                loss = lambda: np.sum(forward(x, gamma, beta)[0] * r)
                dx, dgamma, dbeta = backward(r, forward(x, gamma, beta)[1])
                for analytic, theta in [(dx, x), (dgamma, gamma), (dbeta, beta)]:
                    err = relative_error(analytic, numerical_gradient(loss, theta))
                    worst[name] = max(worst.get(name, 0.0), err)
    for name, err in worst.items():
        print(f"{name:<24} largest relative error vs finite differences: {err:.1e}")
        assert err < 1e-8, name


def test_gradient_invariants():
    # Shifting a whole feature (BN) or a whole sample (LN) leaves the output unchanged, so the
    # input gradient sums to zero along that axis; a per-sample map in evaluation mode does not.
    rng = np.random.default_rng(SEED + 100)
    n, d = 16, 6
    x, gamma, beta, r = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=d), rng.normal(size=(n, d))
    dx_bn = batchnorm_backward(r, batchnorm_forward(x, gamma, beta, np.zeros(d), np.ones(d))[1])[0]
    dx_ln = layernorm_backward(r, layernorm_forward(x, gamma, beta)[1])[0]
    np.testing.assert_allclose(dx_bn.sum(axis=0), 0.0, atol=1e-12 * np.abs(dx_bn).max() * n)
    np.testing.assert_allclose(dx_ln.sum(axis=1), 0.0, atol=1e-12 * np.abs(dx_ln).max() * d)
    assert np.abs(dx_bn.sum(axis=1)).max() > 1e-3 and np.abs(dx_ln.sum(axis=0)).max() > 1e-3


def test_running_statistics_and_evaluation_mode():
    rng = np.random.default_rng(SEED + 200)
    d = 4
    x = rng.normal(2.0, 3.0, size=(10, d))
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    rm0, rv0 = np.zeros(d), np.ones(d)
    rm, rv = rm0, rv0
    for _ in range(300):  # the same batch again and again: 0.9 ** 300 is about 2e-14
        _, _, rm, rv = batchnorm_forward(x, gamma, beta, rm, rv, momentum=0.1)
    np.testing.assert_array_equal(rm0, 0.0)  # inputs not modified in place
    np.testing.assert_array_equal(rv0, 1.0)
    np.testing.assert_allclose(rm, x.mean(axis=0), rtol=1e-10)
    np.testing.assert_allclose(rv, x.var(axis=0, ddof=1), rtol=1e-10)   # unbiased, not ddof=0
    assert np.abs(rv / x.var(axis=0) - 10 / 9).max() < 1e-10
    # Evaluation mode is a fixed per-feature affine map: a sample's output ignores the others.
    z = rng.normal(size=(5, d))
    full = batchnorm_forward(z, gamma, beta, rm, rv, training=False)[0]
    single = np.vstack([batchnorm_forward(z[i:i + 1], gamma, beta, rm, rv, training=False)[0] for i in range(5)])
    np.testing.assert_allclose(full, single, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(full, gamma * (z - x.mean(axis=0)) / np.sqrt(x.var(axis=0, ddof=1) + 1e-5) + beta,
                               rtol=1e-9)
    # ...whereas in training mode it depends on the rest of the batch.
    train_first = batchnorm_forward(z, gamma, beta, rm, rv)[0][0]
    assert not np.allclose(train_first, batchnorm_forward(z[:3], gamma, beta, rm, rv)[0][0])


def test_edge_cases():
    rng = np.random.default_rng(SEED + 300)
    d = 3
    gamma, beta = rng.normal(size=d), rng.normal(size=d)
    # A batch of one cannot be normalised in training mode (PyTorch raises too)...
    try:
        batchnorm_forward(rng.normal(size=(1, d)), gamma, beta, np.zeros(d), np.ones(d))
    except ValueError:
        pass
    else:
        raise AssertionError("training-mode batch norm on one sample should raise ValueError")
    # ...but layer norm and evaluation-mode batch norm handle it.
    assert np.isfinite(layernorm_forward(rng.normal(size=(1, d)), gamma, beta)[0]).all()
    assert np.isfinite(batchnorm_forward(rng.normal(size=(1, d)), gamma, beta, np.zeros(d), np.ones(d),
                                         training=False)[0]).all()
    # A constant feature (variance 0): eps keeps everything finite, the output is beta, and the
    # gradient, though large (1 / sqrt(eps) is about 316), still matches finite differences.
    x = rng.normal(size=(6, d))
    x[:, 1] = 4.2
    r = rng.normal(size=(6, d))
    out, cache, _, _ = batchnorm_forward(x, gamma, beta, np.zeros(d), np.ones(d))
    np.testing.assert_allclose(out[:, 1], beta[1], atol=1e-12)
    dx = batchnorm_backward(r, cache)[0]
    assert np.isfinite(dx).all()
    loss = lambda: np.sum(batchnorm_forward(x, gamma, beta, np.zeros(d), np.ones(d))[0] * r)
    assert relative_error(dx, numerical_gradient(loss, x)) < 1e-6
    assert np.abs(dx[:, 1]).max() > 10 * np.abs(dx[:, [0, 2]]).max()
    # Values near 1e9 with unit spread: the one-pass E[x^2] - E[x]^2 is off by 100 % or more,
    # the layer (which subtracts the mean first) still standardises.
    big = 1e9 + rng.normal(size=(1000, 1))
    one_pass = np.mean(big ** 2, axis=0) - np.mean(big, axis=0) ** 2
    assert abs(one_pass[0] / big.var() - 1) >= 1.0
    out = batchnorm_forward(big, np.ones(1), np.zeros(1), np.zeros(1), np.ones(1), eps=0.0)[0]
    np.testing.assert_allclose([out.mean(), out.var()], [0.0, 1.0], atol=1e-6)
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
