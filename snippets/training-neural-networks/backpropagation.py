"""Backpropagation by hand for a one-hidden-layer network, checked against finite differences.

A 2-16-1 network (tanh hidden layer, sigmoid output, cross-entropy loss) is written in NumPy.
The backward pass applies the chain rule layer by layer; a central-difference check confirms
every partial derivative, and plain gradient descent with those gradients learns the two-moons
problem.
"""

# %%
# Data and parameters. Rows are examples, so a layer computes Z = A @ W + b.
import os
import numpy as np
from sklearn.datasets import make_moons

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_moons(n_samples=400, noise=0.2, random_state=SEED)
y = y.reshape(-1, 1).astype(float)
rng = np.random.default_rng(SEED)
n_in, n_hidden = X.shape[1], 16
params = {
    "W1": rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_hidden)),
    "b1": np.zeros(n_hidden),
    "W2": rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1)),
    "b2": np.zeros(1),
}
n_params = sum(p.size for p in params.values())


# %%
# Forward pass: keep the intermediate values the backward pass will need.
def forward(p, X, y):
    z1 = X @ p["W1"] + p["b1"]
    a1 = np.tanh(z1)
    z2 = a1 @ p["W2"] + p["b2"]
    y_hat = 1 / (1 + np.exp(-z2))
    eps = 1e-12
    loss = -np.mean(y * np.log(y_hat + eps) + (1 - y) * np.log(1 - y_hat + eps))
    return loss, (a1, y_hat)


# Backward pass: one sweep from the loss back to the inputs, reusing the cache.
# For a sigmoid output with cross-entropy, dL/dz2 simplifies to (y_hat - y) / n.
def backward(p, X, y, cache):
    a1, y_hat = cache
    n = X.shape[0]
    delta2 = (y_hat - y) / n                    # dL/dz2, shape (n, 1)
    grads = {"W2": a1.T @ delta2, "b2": delta2.sum(axis=0)}
    delta1 = (delta2 @ p["W2"].T) * (1 - a1**2)  # tanh'(z1) = 1 - tanh(z1)^2
    grads["W1"] = X.T @ delta1
    grads["b1"] = delta1.sum(axis=0)
    return grads


loss0, cache = forward(params, X, y)
grads = backward(params, X, y, cache)

# %%
# Gradient check: nudge every parameter by +-h and compare the slope with backprop.
# Finite differences need two forward passes per parameter; backprop needs one backward pass.
h = 1e-5
worst = 0.0
for name, value in params.items():
    numeric = np.zeros_like(value)
    for idx in np.ndindex(value.shape):
        old = value[idx]
        value[idx] = old + h
        up, _ = forward(params, X, y)
        value[idx] = old - h
        down, _ = forward(params, X, y)
        value[idx] = old
        numeric[idx] = (up - down) / (2 * h)
    rel = np.abs(numeric - grads[name]).max() / max(np.abs(numeric).max(), 1e-12)
    worst = max(worst, rel)
    print(f"{name}: shape {str(value.shape):8} max relative error {rel:.1e}")
print(f"{n_params} parameters: {2 * n_params} forward passes for finite differences, "
      "1 forward + 1 backward pass for backprop")
assert 2 * n_params == 130
assert worst < 1e-6

# %%
# Train with full-batch gradient descent using the backprop gradients.
lr = 1.0
history = {}
for step in range(3001):
    loss, cache = forward(params, X, y)
    if step in (0, 100, 1000, 3000):
        history[step] = loss
    grads = backward(params, X, y, cache)
    for name in params:
        params[name] -= lr * grads[name]

_, (_, y_hat) = forward(params, X, y)
accuracy = np.mean((y_hat > 0.5) == (y == 1))
print("\nstep   training loss")
for step, loss in history.items():
    print(f"{step:4d}   {loss:.3f}")
print(f"training accuracy: {accuracy:.3f}")
assert 0.5 < history[0] < 1.0                 # near-chance start (ln 2 = 0.69 for a coin flip)
assert history[3000] < 0.15 and history[3000] < 0.2 * history[0]
assert accuracy > 0.95
