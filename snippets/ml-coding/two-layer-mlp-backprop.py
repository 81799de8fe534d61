"""Drill: forward and backward passes of a two-layer MLP (ReLU hidden layer, softmax output,
cross-entropy loss), vectorised over the batch, in NumPy.

The gradients are checked three ways: against central finite differences for every parameter,
against the update one step of scikit-learn's MLPClassifier (plain SGD, learning rate 1) makes
from the same weights, and by training: gradient descent with them fits XOR. The forward pass
is checked against MLPClassifier.predict_proba with identical weights.
"""

# %%
# Imports; scikit-learn is the reference and is used only in the tests.
import os
import warnings

import numpy as np
from _drill import run_tests
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: parameters in a dict, a forward pass that keeps what the backward pass needs,
# and the backward pass written layer by layer.
# --8<-- [start:solution]
def init_mlp(d_in: int, d_hidden: int, n_classes: int, rng: np.random.Generator) -> dict:
    """Parameters W1 (d_in, d_hidden), b1 (d_hidden,), W2 (d_hidden, n_classes), b2 (n_classes,).

    W1 is He-initialised (standard deviation sqrt(2 / d_in), suited to ReLU), W2 has standard
    deviation sqrt(1 / d_hidden), and the biases start at zero.
    """
    return {
        "W1": rng.normal(scale=np.sqrt(2.0 / d_in), size=(d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "W2": rng.normal(scale=np.sqrt(1.0 / d_hidden), size=(d_hidden, n_classes)),
        "b2": np.zeros(n_classes),
    }


def mlp_forward(params: dict, X: np.ndarray) -> tuple[np.ndarray, dict]:
    """Logits (n, n_classes) of X (n, d_in), and a cache of the intermediate arrays.

    Z1 = X W1 + b1, H = max(Z1, 0), logits = H W2 + b2. The cache holds X, Z1 and H.
    """
    Z1 = X @ params["W1"] + params["b1"]
    H = np.maximum(Z1, 0.0)
    return H @ params["W2"] + params["b2"], {"X": X, "Z1": Z1, "H": H}


def mlp_predict_proba(params: dict, X: np.ndarray) -> np.ndarray:
    """Class probabilities (n, n_classes): a softmax of the logits, stabilised by the row max."""
    logits, _ = mlp_forward(params, X)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def mlp_loss_and_grads(params: dict, X: np.ndarray, y: np.ndarray, l2: float = 0.0) -> tuple[float, dict]:
    """Mean cross-entropy of the labels y (n,) in [0, n_classes), plus l2 / 2 (||W1||^2 + ||W2||^2).

    Returns (loss, grads), grads holding an array of the same shape for every key of params.
    Biases are not penalised. The loss uses log-softmax (logits minus their logsumexp), so it
    is finite for any finite logits. The ReLU's derivative at exactly 0 is taken as 0.
    """
    logits, cache = mlp_forward(params, X)
    n = X.shape[0]
    rows = np.arange(n)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    penalty = 0.5 * l2 * ((params["W1"] ** 2).sum() + (params["W2"] ** 2).sum())
    loss = -log_p[rows, y].mean() + penalty

    d_logits = np.exp(log_p)                  # softmax
    d_logits[rows, y] -= 1.0
    d_logits /= n                             # (P - onehot) / n
    d_H = d_logits @ params["W2"].T           # back through the second layer
    d_Z1 = d_H * (cache["Z1"] > 0)            # back through the ReLU
    grads = {
        "W2": cache["H"].T @ d_logits + l2 * params["W2"],
        "b2": d_logits.sum(axis=0),
        "W1": cache["X"].T @ d_Z1 + l2 * params["W1"],
        "b1": d_Z1.sum(axis=0),
    }
    return float(loss), grads
# --8<-- [end:solution]


# %%
# Tests: the worked example, finite differences, scikit-learn's forward pass and SGD step, and
# a short training run.
# --8<-- [start:tests]
KEYS = ("W1", "b1", "W2", "b2")


def random_problem(rng, n, d, h, c):
    X = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    y[:c] = np.arange(c)  # every class present, as scikit-learn's label binariser needs
    return X, y, init_mlp(d, h, c, rng)


def sklearn_mlp(params, X, y, l2):
    """An MLPClassifier holding these weights, whose one SGD step (learning rate 1, no momentum,
    the whole batch) is params minus the gradient. Its alpha is per sample: alpha = l2 * n."""
    c = params["W2"].shape[1]
    model = MLPClassifier(hidden_layer_sizes=(params["W1"].shape[1],), activation="relu", solver="sgd",
                          alpha=l2 * len(X), batch_size=len(X), learning_rate_init=1.0, momentum=0.0,
                          nesterovs_momentum=False, shuffle=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.partial_fit(X, y, classes=np.arange(c))  # allocates the layers (and takes a step)
    model.coefs_ = [params["W1"].copy(), params["W2"].copy()]
    model.intercepts_ = [params["b1"].copy(), params["b2"].copy()]
    return model


def test_worked_example():
    params = {"W1": np.array([[1.0, -1.0], [0.0, 2.0]]), "b1": np.zeros(2),
              "W2": np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]), "b2": np.zeros(3)}
    loss, grads = mlp_loss_and_grads(params, np.array([[1.0, -1.0]]), np.array([0]))
    print(f"      loss {loss:.4f}, dW1 {grads['W1'].round(4).tolist()}")
    np.testing.assert_allclose(loss, 0.4076, atol=1e-4)
    np.testing.assert_allclose(grads["W1"], [[-0.4248, 0.0], [0.4248, 0.0]], atol=1e-4)


def test_gradients_match_finite_differences():
    # Every parameter, central differences with h = 1e-6: error below 1e-8 of the largest entry,
    # per array.
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        X, y, params = random_problem(rng, 16, 4, 6, 3)
        for l2 in (0.0, 0.1):
            _, grads = mlp_loss_and_grads(params, X, y, l2)
            for key in KEYS:
                numeric = np.zeros_like(params[key])
                for idx in np.ndindex(*params[key].shape):
                    old = params[key][idx]
                    params[key][idx] = old + 1e-6
                    up = mlp_loss_and_grads(params, X, y, l2)[0]
                    params[key][idx] = old - 1e-6
                    down = mlp_loss_and_grads(params, X, y, l2)[0]
                    params[key][idx] = old
                    numeric[idx] = (up - down) / 2e-6
                assert np.abs(numeric - grads[key]).max() <= 1e-8 * np.abs(grads[key]).max(), key


def test_forward_matches_sklearn_predict_proba():
    # Identical weights, probabilities to 1e-12.
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, h, c in [(30, 3, 5, 3), (200, 10, 32, 7)]:
            X, y, params = random_problem(rng, n, d, h, c)
            model = sklearn_mlp(params, X, y, 0.0)
            np.testing.assert_allclose(mlp_predict_proba(params, X), model.predict_proba(X), rtol=1e-12, atol=1e-15)


def test_gradients_match_one_sklearn_sgd_step():
    # With learning rate 1 and no momentum, sklearn's step is W <- W - grad: the loss it reports
    # and the gradient recovered as (before - after) agree with ours to 1e-10 (relative).
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, d, h, c, l2 in [(30, 3, 5, 3, 0.0), (200, 10, 32, 7, 1e-3)]:
            X, y, params = random_problem(rng, n, d, h, c)
            model = sklearn_mlp(params, X, y, l2)
            model.partial_fit(X, y)
            after = dict(zip(KEYS, [model.coefs_[0], model.intercepts_[0], model.coefs_[1], model.intercepts_[1]]))
            loss, grads = mlp_loss_and_grads(params, X, y, l2)
            np.testing.assert_allclose(loss, model.loss_, rtol=1e-10)
            for key in KEYS:
                np.testing.assert_allclose(params[key] - after[key], grads[key], rtol=1e-10, atol=1e-12)


def test_training_fits_xor():
    # XOR in 2-D (the label is whether x1 * x2 > 0), which no linear classifier separates.
    # 500 steps of full-batch gradient descent (step 1.0) with 16 hidden units bring the loss
    # from over 0.5 at the start to below 0.1, and fit at least 97 % of the 400 points.
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        X = rng.uniform(-1.0, 1.0, size=(400, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        params = init_mlp(2, 16, 2, rng)
        start, _ = mlp_loss_and_grads(params, X, y)
        for _ in range(500):
            loss, grads = mlp_loss_and_grads(params, X, y)
            params = {key: params[key] - 1.0 * grads[key] for key in KEYS}
        loss, _ = mlp_loss_and_grads(params, X, y)
        accuracy = (mlp_predict_proba(params, X).argmax(axis=1) == y).mean()
        assert start > 0.5 and loss < 0.1 and accuracy >= 0.97, (start, loss, accuracy)


def test_huge_logits_give_finite_loss():
    # Both weight matrices multiplied by 100 scale the logits by 1e4, to over 5000 in absolute
    # value; exp of them overflows, yet the loss and every gradient stay finite.
    rng = np.random.default_rng(SEED)
    X, y, params = random_problem(rng, 20, 3, 8, 4)
    big = {key: value * 100.0 for key, value in params.items()}
    assert np.abs(mlp_forward(big, X)[0]).max() > 5e3
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        loss, grads = mlp_loss_and_grads(big, X, y)
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads.values())
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
