"""Residual connections in NumPy: identity at initialisation, a well-conditioned Jacobian, and
a 30-layer network that trains where the plain version does not.

A residual block computes h + F(h) instead of F(h). The snippet checks that a block whose last
weights are zero is exactly the identity, compares the singular values of the input-output
Jacobian of 30-layer plain and residual stacks at initialisation, trains both on the digits with
the same optimiser and budget, and deletes single layers from the trained networks.
"""

# %%
# Blocks and stacks. Plain layer: h -> relu(h) @ W. Residual block: h -> h + relu(h) @ W, with
# the branch weights scaled by 1 / sqrt(depth) so the sum does not grow with depth.
import os
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

width, depth = 64, 30
rng = np.random.default_rng(SEED)


def layer_weights(residual, r):
    scale = np.sqrt(2 / width) / (np.sqrt(depth) if residual else 1.0)   # He, scaled if residual
    return [r.normal(0, scale, (width, width)) for _ in range(depth)]


def stack(h, Ws, residual, skip=None):
    for layer, W in enumerate(Ws):
        if layer == skip:
            continue
        h = h + np.maximum(h, 0) @ W if residual else np.maximum(h, 0) @ W
    return h


# A residual block with zero branch weights is exactly the identity, so adding it cannot hurt
# at initialisation; a plain layer with zero weights outputs zeros.
h0 = rng.normal(size=(5, width))
zero = [np.zeros((width, width))]
assert np.array_equal(stack(h0, zero, residual=True), h0)
assert not stack(h0, zero, residual=False).any()


# %%
# Input-output Jacobian at initialisation for one input: the product of per-layer Jacobians.
# Plain: diag(relu') W, 30 times. Residual: I + diag(relu') W, 30 times.
def jacobian(Ws, residual, x):
    J, h = np.eye(width), x
    for W in Ws:
        local = (h > 0)[:, None] * W                    # d(relu(h) @ W) / dh, row convention
        J = J @ (np.eye(width) + local if residual else local)
        h = h + np.maximum(h, 0) @ W if residual else np.maximum(h, 0) @ W
    return J


x = rng.normal(size=width)
print("singular values of the Jacobian dh_30 / dh_0")
print(f"{'30 layers':<10}{'largest':>9}{'median':>9}{'smallest':>11}")
spread = {}
for residual in (False, True):
    s = np.linalg.svd(jacobian(layer_weights(residual, np.random.default_rng(SEED + 1)), residual, x),
                      compute_uv=False)
    name = "residual" if residual else "plain"
    spread[name] = s
    print(f"{name:<10}{s.max():>9.2f}{np.median(s):>9.1e}{s.min():>11.1e}")
# Plain: most directions are squashed to almost nothing (ReLU zeroes about half the units in
# every layer, and the losses compound). Residual: every direction gets through, with gains
# spread around 1.
assert spread["plain"].min() < 1e-6 and np.median(spread["plain"]) < 0.01
assert 0.1 < spread["residual"].min() and spread["residual"].max() < 10
assert 0.8 < np.median(spread["residual"]) < 1.25

# %%
# Train both 30-layer networks on the digits: input layer 64 -> 64, the 30-layer stack, then a
# softmax layer; SGD with momentum 0.9, mini-batches of 64, 10 epochs, two learning rates.
digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=SEED, stratify=digits.target)
Y_tr = np.eye(10)[y_tr]


def train(residual, lr, epochs=10, seed=SEED + 2):
    r = np.random.default_rng(seed)
    W_in = r.normal(0, np.sqrt(2 / 64), (64, width))
    Ws = layer_weights(residual, r)
    W_out = r.normal(0, np.sqrt(1 / width), (width, 10))
    params = [W_in, *Ws, W_out]
    vel = [np.zeros_like(p) for p in params]
    for _ in range(epochs):
        order = r.permutation(len(X_tr))
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            hs = [X_tr[idx] @ W_in]
            for W in Ws:
                hs.append(stack(hs[-1], [W], residual))
            a = np.maximum(hs[-1], 0)
            logits = a @ W_out
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            d_logits = (p - Y_tr[idx]) / len(idx)
            grads = [None] * len(params)
            grads[-1] = a.T @ d_logits
            dh = (d_logits @ W_out.T) * (hs[-1] > 0)
            for layer in reversed(range(depth)):
                h_in = hs[layer]
                grads[1 + layer] = np.maximum(h_in, 0).T @ dh
                through_branch = (dh @ Ws[layer].T) * (h_in > 0)
                dh = dh + through_branch if residual else through_branch   # skip adds dh
            grads[0] = X_tr[idx].T @ dh
            for k, (q, g) in enumerate(zip(params, grads)):
                vel[k] = 0.9 * vel[k] - lr * g
                q += vel[k]

    def accuracy(X, y, skip=None):
        h = stack(X @ W_in, Ws, residual, skip)
        return np.mean((np.maximum(h, 0) @ W_out).argmax(axis=1) == y)

    return accuracy


print(f"\n{'network':<10}{'lr':>7}{'train acc':>11}{'test acc':>10}"
      f"{'test acc, one layer deleted':>30}")
results = {}
for residual in (False, True):
    for lr in (0.003, 0.01):
        acc = train(residual, lr)
        deleted = np.mean([acc(X_te, y_te, skip=k) for k in range(0, depth, 3)])
        name = "residual" if residual else "plain"
        results[name, lr] = (acc(X_tr, y_tr), acc(X_te, y_te), deleted)
        print(f"{name:<10}{lr:>7}{results[name, lr][0]:>11.3f}{results[name, lr][1]:>10.3f}"
              f"{deleted:>30.3f}")

best_plain = max(results["plain", lr][1] for lr in (0.003, 0.01))
worst_residual = min(results["residual", lr][1] for lr in (0.003, 0.01))
assert best_plain < 0.75 and worst_residual > 0.9
# Deleting one block barely hurts a residual network (the other paths still carry the
# signal); deleting one layer of the plain network (at its better learning rate, where it
# learned something) breaks it.
for lr in (0.003, 0.01):
    assert results["residual", lr][2] > results["residual", lr][1] - 0.05
plain_lr = max((0.003, 0.01), key=lambda lr: results["plain", lr][1])
assert results["plain", plain_lr][2] < 0.5 * results["plain", plain_lr][1]
