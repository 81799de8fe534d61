"""Four sanity checks for a network whose loss will not go down, on a NumPy MLP.

1. At small output initialisation the first loss equals log(C); a large one starts far above.
2. The analytic gradient matches central finite differences.
3. On one tiny batch, a sensible learning rate drives the loss to near zero and a too-large one
   diverges.
4. With shuffled labels the network cannot beat chance on held-out data, whereas the true
   labels are learnable: a pipeline bug of this kind shows up as a held-out accuracy near 1/C.
"""

# %%
# Data: 10 Gaussian classes in 20 dimensions; a 20 -> 64 -> 10 ReLU network with softmax output.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
C, D, H = 10, 20, 64
centres = rng.normal(0, 1.0, (C, D))


def make_data(n):
    y = rng.integers(0, C, n)
    return centres[y] + rng.normal(0, 1.0, (n, D)), y


X_tr, y_tr = make_data(1000)
X_te, y_te = make_data(2000)


def init(out_scale):
    return [rng.normal(0, np.sqrt(2 / D), (D, H)), np.zeros(H),
            rng.normal(0, out_scale, (H, C)), np.zeros(C)]


def loss_and_grads(p, X, y):
    W1, b1, W2, b2 = p
    a = X @ W1 + b1
    h = np.maximum(a, 0)
    z = h @ W2 + b2
    z = z - z.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    n = len(y)
    loss = -logp[np.arange(n), y].mean()
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    dz /= n
    dh = dz @ W2.T * (a > 0)
    return loss, [X.T @ dh, dh.sum(0), h.T @ dz, dz.sum(0)]


def train(p, X, y, lr, steps):
    p = [q.copy() for q in p]
    for _ in range(steps):
        loss, g = loss_and_grads(p, X, y)
        if not np.isfinite(loss) or loss > 1e3:
            return p, np.inf
        p = [q - lr * gq for q, gq in zip(p, g)]
    return p, loss_and_grads(p, X, y)[0]


def accuracy(p, X, y):
    return (np.argmax(np.maximum(X @ p[0] + p[1], 0) @ p[2] + p[3], 1) == y).mean()


# %%
# Check 1: the first loss. Near-zero logits give uniform predictions, so loss = log(C).
p_small, p_big = init(0.001), init(1.0)
l_small, l_big = loss_and_grads(p_small, X_tr, y_tr)[0], loss_and_grads(p_big, X_tr, y_tr)[0]
print(f"log(C) = {np.log(C):.3f} | initial loss, output std 0.001: {l_small:.3f}, std 1: {l_big:.2f}")
assert abs(l_small - np.log(C)) < 0.01 and l_big > np.log(C) + 2

# %%
# Check 2: gradient check on 20 random weights of W1 (central differences, relative error).
Xb, yb = X_tr[:32], y_tr[:32]
p = init(0.1)
g = loss_and_grads(p, Xb, yb)[1][0]
errs = []
for i, j in zip(rng.integers(0, D, 20), rng.integers(0, H, 20)):
    old, eps = p[0][i, j], 1e-5
    p[0][i, j] = old + eps
    lp = loss_and_grads(p, Xb, yb)[0]
    p[0][i, j] = old - eps
    lm = loss_and_grads(p, Xb, yb)[0]
    p[0][i, j] = old
    num = (lp - lm) / (2 * eps)
    errs.append(abs(num - g[i, j]) / max(abs(num) + abs(g[i, j]), 1e-8))
print(f"gradient check: max relative error {max(errs):.1e}")
assert max(errs) < 1e-5

# %%
# Check 3: overfit one batch of 16 examples, with a small learning-rate sweep.
print("\nlearning rate   loss after 500 full-batch steps on 16 examples")
Xs, ys = X_tr[:16], y_tr[:16]
final = {}
for lr in (0.001, 0.3, 30.0):
    final[lr] = train(p_small, Xs, ys, lr, 500)[1]
    print(f"  {lr:>6}          {final[lr]:.4f}" if np.isfinite(final[lr]) else f"  {lr:>6}          diverged")
assert final[0.3] < 0.01                      # a working model memorises a tiny batch
assert final[0.001] > 0.2                    # too small: still far from zero
assert not np.isfinite(final[30.0])           # too large: blows up

# %%
# Check 4: the same training with true and with shuffled labels, scored on held-out data.
p_true = train(p_small, X_tr, y_tr, 0.3, 300)[0]
y_shuf = rng.permutation(y_tr)
p_shuf = train(p_small, X_tr, y_shuf, 0.3, 300)[0]
acc_t, acc_s = accuracy(p_true, X_te, y_te), accuracy(p_shuf, X_te, y_te)
fit_s, test_s = loss_and_grads(p_shuf, X_tr, y_shuf)[0], loss_and_grads(p_shuf, X_te, y_te)[0]
print(f"\nheld-out accuracy: true labels {acc_t:.3f}, shuffled labels {acc_s:.3f} (chance {1 / C:.2f})")
print(f"shuffled labels: train loss {fit_s:.3f}, held-out loss {test_s:.3f} (log C = {np.log(C):.3f})")
# Held-out accuracy with shuffled labels is only roughly 1/C: each test cluster is scored right
# only if the net happened to map it to its own class, so it moves in steps of about 1/C.
assert acc_t > 0.85 and acc_s < 0.25
assert fit_s < np.log(C) - 0.3 and test_s > np.log(C) + 0.1  # memorises noise, worse than guessing
