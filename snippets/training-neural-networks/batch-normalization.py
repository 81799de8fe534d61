"""Batch normalisation in NumPy: the layer, its gradient, its two modes and its effect on training.

Implements the forward and backward pass of a batch-norm layer and checks the gradient by
finite differences; shows that in training mode an example's output depends on the rest of
its batch while evaluation mode uses running averages; checks that the layer makes the loss
invariant to the scale of the preceding weights; and trains a deep ReLU network on the digits
with and without batch norm at several learning rates.
"""

# %%
# The layer. Training mode normalises each feature with the batch mean and variance, then
# applies a learned scale gamma and shift beta.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

EPS = 1e-5


def bn_forward(x, gamma, beta):
    mu, var = x.mean(axis=0), x.var(axis=0)
    inv_std = 1 / np.sqrt(var + EPS)
    x_hat = (x - mu) * inv_std
    return gamma * x_hat + beta, (x_hat, inv_std, gamma), mu, var


def bn_backward(dy, cache):
    x_hat, inv_std, gamma = cache
    n = dy.shape[0]
    d_xhat = dy * gamma
    dx = inv_std / n * (n * d_xhat - d_xhat.sum(axis=0) - x_hat * (d_xhat * x_hat).sum(axis=0))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)


rng = np.random.default_rng(SEED)
x = rng.normal(3, 2, (32, 5))
gamma, beta = rng.normal(1, 0.1, 5), rng.normal(0, 0.1, 5)
probe = rng.normal(size=(32, 5))                       # loss = sum(probe * y)
y, cache, _, _ = bn_forward(x, gamma, beta)
assert np.allclose(((y - beta) / gamma).mean(axis=0), 0, atol=1e-12)
assert np.allclose(((y - beta) / gamma).std(axis=0), 1, atol=1e-3)
dx, dgamma, dbeta = bn_backward(probe, cache)
numeric = np.zeros_like(x)
for idx in np.ndindex(x.shape):
    for sign in (1, -1):
        x[idx] += sign * 1e-6
        numeric[idx] += sign * (probe * bn_forward(x, gamma, beta)[0]).sum() / 2e-6
        x[idx] -= sign * 1e-6
rel_err = np.abs(numeric - dx).max() / np.abs(dx).max()
print(f"batch-norm backward pass vs finite differences: max relative error {rel_err:.1e}")
assert rel_err < 1e-6
# The gradient wrt the input sums to zero per feature: shifting a whole feature changes nothing.
assert np.allclose(dx.sum(axis=0), 0, atol=1e-10)

# %%
# Training mode couples the examples in a batch; evaluation mode does not.
out_a = bn_forward(x, gamma, beta)[0][0]
x_other = x.copy()
x_other[1:] = rng.normal(3, 2, (31, 5))                 # same first row, different batch-mates
out_b = bn_forward(x_other, gamma, beta)[0][0]
print(f"train mode: first example's output changes by {np.abs(out_a - out_b).max():.2f} "
      "when its batch-mates change")
assert np.abs(out_a - out_b).max() > 0.05
_, _, mu, var = bn_forward(x, gamma, beta)              # stand-in for running averages
eval_a = gamma * (x[0] - mu) / np.sqrt(var + EPS) + beta
eval_b = gamma * (x_other[0] - mu) / np.sqrt(var + EPS) + beta
assert np.allclose(eval_a, eval_b)                      # fixed statistics: per-example output

# %%
# Scale invariance: BN(a * x W) = BN(x W) for a > 0, so scaling the weights by a leaves the
# loss unchanged and divides their gradient by a.
W = rng.normal(size=(5, 4))
g4, b4 = np.ones(4), np.zeros(4)
probe4 = rng.normal(size=(32, 4))
grads = {}
for a in (1.0, 10.0):
    out, c, _, _ = bn_forward(x @ (a * W), g4, b4)
    d_in, _, _ = bn_backward(probe4, c)
    grads[a] = (x.T @ d_in, (probe4 * out).sum())
assert np.isclose(grads[1.0][1], grads[10.0][1], rtol=1e-6)          # same loss
assert np.allclose(grads[10.0][0], grads[1.0][0] / 10, rtol=1e-4, atol=1e-10)
print("scaling the weights by 10 leaves the loss unchanged and divides their gradient by 10")

# %%
# A 6-hidden-layer ReLU network on the digits, trained with plain mini-batch SGD for 15 epochs,
# with batch norm before each ReLU or without it. Weights start at std sqrt(1/n): a common
# default that is too small for ReLU (see the initialisation question).
digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=SEED, stratify=digits.target)
Y_tr = np.eye(10)[y_tr]
sizes = [64] + [64] * 6 + [10]


def train(use_bn, lr, epochs=15, batch=64, seed=SEED):
    r = np.random.default_rng(seed)
    Ws = [r.normal(0, np.sqrt(1 / m), (m, k)) for m, k in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(k) for k in sizes[1:]]
    gs = [np.ones(k) for k in sizes[1:-1]]
    betas = [np.zeros(k) for k in sizes[1:-1]]
    run_mu = [np.zeros(k) for k in sizes[1:-1]]
    run_var = [np.ones(k) for k in sizes[1:-1]]
    losses = []
    for _ in range(epochs):
        order = r.permutation(len(X_tr))
        epoch_loss = 0.0
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            a, caches = X_tr[idx], []
            for i in range(len(Ws) - 1):
                z = a @ Ws[i] + bs[i]
                bn_cache = None
                if use_bn:
                    z, bn_cache, mu, var = bn_forward(z, gs[i], betas[i])
                    run_mu[i] = 0.9 * run_mu[i] + 0.1 * mu
                    run_var[i] = 0.9 * run_var[i] + 0.1 * var
                caches.append((a, z, bn_cache))
                a = np.maximum(z, 0)
            logits = a @ Ws[-1] + bs[-1]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            epoch_loss += -np.log(p[np.arange(len(idx)), y_tr[idx]] + 1e-12).sum()
            d = (p - Y_tr[idx]) / len(idx)
            grad_a = d @ Ws[-1].T
            Ws[-1] -= lr * a.T @ d
            bs[-1] -= lr * d.sum(axis=0)
            for i in reversed(range(len(Ws) - 1)):
                a_prev, z, bn_cache = caches[i]
                d = grad_a * (z > 0)
                if use_bn:
                    d, dg, db = bn_backward(d, bn_cache)
                    gs[i] -= lr * dg
                    betas[i] -= lr * db
                grad_a = d @ Ws[i].T
                Ws[i] -= lr * a_prev.T @ d
                bs[i] -= lr * d.sum(axis=0)
        losses.append(epoch_loss / len(X_tr))
    # Evaluation mode: running statistics, so each test digit is classified on its own.
    a = X_te
    for i in range(len(Ws) - 1):
        z = a @ Ws[i] + bs[i]
        if use_bn:
            z = gs[i] * (z - run_mu[i]) / np.sqrt(run_var[i] + EPS) + betas[i]
        a = np.maximum(z, 0)
    accuracy = np.mean((a @ Ws[-1] + bs[-1]).argmax(axis=1) == y_te)
    return np.array(losses), accuracy


results = {}
print(f"\n{'learning rate':>13}{'':>3}{'final train loss':>18}{'test accuracy':>15}")
for lr in (0.02, 0.1, 0.5):
    for use_bn in (False, True):
        losses, acc = train(use_bn, lr)
        results[use_bn, lr] = (losses, acc)
        label = "BN" if use_bn else "no BN"
        print(f"{lr:>13}{label:>8}{losses[-1]:>13.3f}{acc:>15.3f}")

# At every learning rate the network with batch norm ends with less than half the training
# loss and a higher test accuracy. Without it, lr 0.02 is still far from converged after 15
# epochs and lr 0.5 does much worse than lr 0.1; with it, all three learning rates work.
lrs = (0.02, 0.1, 0.5)
for lr in lrs:
    assert results[True, lr][0][-1] < 0.5 * results[False, lr][0][-1]
    assert results[True, lr][1] > results[False, lr][1]
assert min(results[True, lr][1] for lr in lrs) > 0.9
assert results[False, 0.02][0][-1] > 1.0 and results[False, 0.5][0][-1] > 0.5
assert results[False, 0.5][0][-1] > 2 * results[False, 0.1][0][-1]

# %%
# Training-loss curves.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Training loss per epoch of a six-hidden-layer ReLU network on the digits at three "
        "learning rates: with batch normalisation the loss falls quickly at every learning "
        "rate, while without it the loss falls slowly at the small learning rate and "
        "stays high at the large one")
colours = {0.02: "C0", 0.1: "C1", 0.5: "C2"}
for (use_bn, lr), (losses, _) in results.items():
    ax.plot(np.arange(1, len(losses) + 1), losses, ls="-" if use_bn else "--",
            color=colours[lr],
            label=f"{'BN' if use_bn else 'no BN'}, lr {lr}")
ax.set_yscale("log")
ax.set_xlabel("epoch")
ax.set_ylabel("training cross-entropy")
ax.legend(fontsize=8, ncol=2)
fig.tight_layout()
plt.show()
