"""Two ingredients of deep learning's rise, on a small scale.

1. Flexible models need data. On a checkerboard pattern, which no straight line can split, a
   linear classifier stays at chance however much data it gets, while a small multilayer
   perceptron keeps improving as the training set grows.
2. Algorithmic fixes made depth trainable. The sigmoid's derivative is at most 0.25, so a
   gradient passed back through many sigmoid layers shrinks geometrically; ReLU units with He
   initialisation keep it within an order of magnitude.
"""

# %%
# Data: points in the unit square, labelled by the colour of a 4 x 4 checkerboard.
# Training sets of growing size are nested prefixes of one sample; the test set is separate.
import os
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)


def checkerboard(n, squares=4):
    X = rng.uniform(0, 1, size=(n, 2))
    y = (np.floor(squares * X[:, 0]) + np.floor(squares * X[:, 1])).astype(int) % 2
    return X, y


X_test, y_test = checkerboard(2000)
X_pool, y_pool = checkerboard(3000)
sizes = [100, 300, 1000, 3000]

# %%
# Learning curves: test accuracy of each model as the training set grows. The MLP is
# trained for a fixed small budget of epochs, so it may stop before converging; that
# warning is silenced on purpose.
acc_linear, acc_mlp = [], []
for n in sizes:
    linear = LogisticRegression().fit(X_pool[:n], y_pool[:n])
    mlp = MLPClassifier(hidden_layer_sizes=(32, 32), learning_rate_init=0.01,
                        batch_size=64, max_iter=100, random_state=SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(X_pool[:n], y_pool[:n])
    acc_linear.append(linear.score(X_test, y_test))
    acc_mlp.append(mlp.score(X_test, y_test))

print("train size   linear   MLP (32, 32)")
for n, a, b in zip(sizes, acc_linear, acc_mlp):
    print(f"{n:10d}   {a:6.3f}   {b:6.3f}")

# The linear model stays near chance (0.5) at every size.
assert max(acc_linear) < 0.6
# The MLP improves with data (small dips tolerated) and ends far above the linear model.
assert all(b >= a - 0.02 for a, b in zip(acc_mlp, acc_mlp[1:]))
assert acc_mlp[-1] - acc_mlp[0] > 0.1
assert acc_mlp[-1] > 0.8
assert acc_mlp[-1] - acc_linear[-1] > 0.3

# %%
# Vanishing gradients. sigmoid'(z) = s(1 - s) peaks at z = 0 with value 0.25, so each
# sigmoid layer multiplies the backward signal by at most 0.25 (times the weights).
z = np.linspace(-10, 10, 20001)
s = 1 / (1 + np.exp(-z))
max_slope = np.max(s * (1 - s))
bound_10 = 0.25 ** 10
print(f"\nmax of sigmoid'(z): {max_slope:.4f}   0.25^10 = {bound_10:.2e}")
assert abs(max_slope - 0.25) < 1e-6
assert bound_10 < 1e-6

# %%
# The same effect in a real backward pass: a 10-layer, 64-unit network on random inputs.
# Sigmoid layers use Glorot initialisation, ReLU layers He initialisation. The gradient
# of the sum of outputs is propagated back and its size recorded at every layer.
depth, width, batch = 10, 64, 256


def layer_gradient_norms(activation):
    init_rng = np.random.default_rng(SEED + 1)
    std = np.sqrt(1 / width) if activation == "sigmoid" else np.sqrt(2 / width)
    weights = [init_rng.normal(0, std, (width, width)) for _ in range(depth)]
    h = init_rng.normal(size=(batch, width))
    inputs, slopes = [], []
    for W in weights:                      # forward pass, keeping what backprop needs
        a = h @ W
        inputs.append(h)
        if activation == "sigmoid":
            h = 1 / (1 + np.exp(-a))
            slopes.append(h * (1 - h))
        else:
            h = np.maximum(a, 0)
            slopes.append((a > 0).astype(float))
    grad_h = np.ones_like(h)
    norms = np.empty(depth)
    for i in reversed(range(depth)):       # backward pass
        grad_a = grad_h * slopes[i]
        norms[i] = np.linalg.norm(inputs[i].T @ grad_a)   # |dLoss/dW_i|
        grad_h = grad_a @ weights[i].T
    return norms


norms_sigmoid = layer_gradient_norms("sigmoid")
norms_relu = layer_gradient_norms("relu")
ratio_sigmoid = norms_sigmoid[0] / norms_sigmoid[-1]
ratio_relu = norms_relu[0] / norms_relu[-1]
print("gradient norm, first layer / last layer")
print(f"  sigmoid + Glorot init: {ratio_sigmoid:.1e}")
print(f"  ReLU + He init:        {ratio_relu:.1e}")
spread_relu = norms_relu.max() / norms_relu.min()
print(f"  ReLU, largest / smallest layer norm: {spread_relu:.1f}")
assert ratio_sigmoid < 1e-3
assert np.all(np.diff(norms_sigmoid) > 0)    # shrinks at every step towards the input
assert 0.1 < ratio_relu < 10 and spread_relu < 10

# %%
# Figure: learning curves (left) and gradient size per layer (right).
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(8.0, 3.6),
    num="Left, test accuracy against training-set size on a checkerboard task; "
        "logistic regression stays near 0.5 while a two-layer MLP climbs to about 0.9. "
        "Right, gradient norm per layer of a 10-layer network on a log scale; it "
        "falls by orders of magnitude towards the input with sigmoid units and stays "
        "within a factor of ten with ReLU units.",
)
ax1.plot(sizes, acc_linear, "o-", label="logistic regression")
ax1.plot(sizes, acc_mlp, "s-", label="MLP (32, 32)")
ax1.axhline(0.5, color="gray", ls=":", lw=1)
ax1.set_xscale("log")
ax1.set_xlabel("training-set size")
ax1.set_ylabel("test accuracy")
ax1.set_ylim(0.4, 1.0)
ax1.legend(loc="upper left")
ax1.set_title("More data helps the flexible model")

layers = np.arange(1, depth + 1)
ax2.semilogy(layers, norms_sigmoid, "o-", label="sigmoid, Glorot init")
ax2.semilogy(layers, norms_relu, "s-", label="ReLU, He init")
ax2.set_xlabel("layer (1 = nearest the input)")
ax2.set_ylabel("gradient norm")
ax2.legend(loc="lower right")
ax2.set_title("Gradient size through 10 layers")
fig.tight_layout()
plt.show()
