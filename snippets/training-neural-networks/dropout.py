"""Dropout in NumPy: the inverted-dropout mask, its penalty on a linear model, and its effect
on a network trained on digits with noisy labels.

Checks that inverted dropout keeps each unit's expected value; that for linear regression the
expected dropout loss equals the ordinary loss plus a data-scaled L2 penalty; and that a wide
network trained with dropout (0.2 on inputs, 0.5 on hidden units) stops memorising wrong labels
and generalises better, while averaging many random masks at test time gives nearly the same
predictions as the single deterministic pass.
"""

# %%
# Inverted dropout: zero each unit with probability p and divide the survivors by 1 - p,
# so the expected activation is unchanged and nothing needs rescaling at test time.
import os
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
p = 0.5
h = rng.uniform(0, 2, size=8)
masks = (rng.random((20_000, 8)) >= p) / (1 - p)
print(f"mean of dropped-out activations / original: {np.mean((masks * h).mean(axis=0) / h):.3f}")
assert np.allclose((masks * h).mean(axis=0), h, rtol=0.03)

# %%
# Linear regression with dropout on the inputs. Averaged over masks, the squared error is the
# usual one plus (p / (1 - p)) * sum_j x_j^2 w_j^2: a ridge penalty scaled by each feature's
# size. Check the identity exactly for one weight vector by enumerating all 2^5 masks of a row.
X = rng.normal(size=(50, 5)) * np.array([1, 2, 0.5, 1, 3])
y = X @ rng.normal(size=5) + rng.normal(0, 0.5, 50)
w = rng.normal(size=5)
p_in = 0.3
all_masks = np.array(np.meshgrid(*[[0, 1]] * 5)).reshape(5, -1).T        # 32 x 5
mask_prob = np.prod(np.where(all_masks == 1, 1 - p_in, p_in), axis=1)
sq_err = (y[:, None] - (X[:, None, :] * all_masks / (1 - p_in)) @ w) ** 2  # 50 x 32
expected = np.mean(sq_err @ mask_prob)
closed = np.mean((y - X @ w) ** 2) + p_in / (1 - p_in) * np.mean((X**2) @ (w**2))
print(f"expected dropout loss {expected:.4f} = loss {np.mean((y - X @ w) ** 2):.4f} "
      f"+ penalty {closed - np.mean((y - X @ w) ** 2):.4f}")
assert np.isclose(mask_prob.sum(), 1) and np.isclose(expected, closed, rtol=1e-10)

# %%
# A 64-256-256-10 ReLU network on 500 training digits, SGD with momentum for 30 epochs. In the
# noisy run 30 % of the training labels are replaced by random digits.
digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(
    digits.data / 16.0, digits.target, train_size=500, random_state=SEED, stratify=digits.target)
flipped = rng.random(len(y_tr)) < 0.3
y_noisy = y_tr.copy()
y_noisy[flipped] = rng.integers(0, 10, flipped.sum())
sizes = [64, 256, 256, 10]


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def forward(params, X, p_in=0.0, p_hidden=0.0, r=None):
    """Returns class probabilities and the cache; dropout only if the rates are > 0."""
    Ws, bs = params
    a = X
    if p_in:
        a = a * (r.random(a.shape) >= p_in) / (1 - p_in)
    cache = []
    for W, b in zip(Ws[:-1], bs[:-1]):
        z = a @ W + b
        mask = (r.random(z.shape) >= p_hidden) / (1 - p_hidden) if p_hidden else 1.0
        cache.append((a, z, mask))
        a = np.maximum(z, 0) * mask
    return softmax(a @ Ws[-1] + bs[-1]), cache, a


def train(labels, p_in, p_hidden, epochs=30, lr=0.05, batch=50, seed=SEED):
    r = np.random.default_rng(seed)
    Ws = [r.normal(0, np.sqrt(2 / m), (m, k)) for m, k in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(k) for k in sizes[1:]]
    vel = [np.zeros_like(q) for q in Ws + bs]
    Y = np.eye(10)[labels]
    for _ in range(epochs):
        order = r.permutation(len(X_tr))
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            prob, cache, a = forward((Ws, bs), X_tr[idx], p_in, p_hidden, r)
            d = (prob - Y[idx]) / len(idx)
            gW, gb = [a.T @ d], [d.sum(axis=0)]
            grad_a = d @ Ws[-1].T
            for i in reversed(range(len(cache))):
                a_prev, z, mask = cache[i]
                d = grad_a * mask * (z > 0)          # the same mask as the forward pass
                gW.insert(0, a_prev.T @ d)
                gb.insert(0, d.sum(axis=0))
                grad_a = d @ Ws[i].T
            for k, (q, g) in enumerate(zip(Ws + bs, gW + gb)):
                vel[k] = 0.9 * vel[k] - lr * g
                q += vel[k]
    return Ws, bs


results, models = {}, {}
print(f"\n{'':<41}{'flipped rows':>14}")
print(f"{'labels':<7}{'dropout':<14}{'fit to train labels':>20}{'true digit on':>14}"
      f"{'test acc':>10}")
for name, labels in (("clean", y_tr), ("noisy", y_noisy)):
    for p_in, p_hidden in ((0.0, 0.0), (0.2, 0.5)):
        params = models[name, p_hidden] = train(labels, p_in, p_hidden)
        train_pred = forward(params, X_tr)[0].argmax(axis=1)
        fit = np.mean(train_pred == labels)
        true_on_flipped = np.mean(train_pred[flipped] == y_tr[flipped])
        test_acc = np.mean(forward(params, X_te)[0].argmax(axis=1) == y_te)
        results[name, p_hidden] = (fit, true_on_flipped, test_acc)
        label = "none" if p_hidden == 0 else f"{p_in} in, {p_hidden} hid"
        flipped_text = f"{true_on_flipped:.3f}" if name == "noisy" else "-"
        print(f"{name:<7}{label:<14}{fit:>20.3f}{flipped_text:>14}{test_acc:>10.3f}")

# Clean labels: both generalise well, and dropout makes no real difference.
assert min(results["clean", 0.0][2], results["clean", 0.5][2]) > 0.93
assert abs(results["clean", 0.5][2] - results["clean", 0.0][2]) < 0.03
# Noisy labels: without dropout the network memorises most wrong labels (it fits more than 90 %
# of the training labels and seldom predicts the true digit on the flipped rows); with dropout
# it mostly predicts the true digit there, and its test accuracy is clearly higher.
plain, dropped = results["noisy", 0.0], results["noisy", 0.5]
assert plain[0] > 0.9 and plain[1] < 0.4
assert dropped[0] < 0.85 and dropped[1] > 0.8
assert dropped[2] > plain[2] + 0.1

# %%
# Test time: one deterministic pass (the weight-scaling rule, built into inverted dropout)
# against the average of 30 random masks (Monte Carlo dropout).
params = models["noisy", 0.5]
r = np.random.default_rng(SEED + 1)
deterministic = forward(params, X_te)[0]
mc_average = np.mean([forward(params, X_te, 0.2, 0.5, r)[0] for _ in range(30)], axis=0)
agreement = np.mean(deterministic.argmax(axis=1) == mc_average.argmax(axis=1))
acc_det = np.mean(deterministic.argmax(axis=1) == y_te)
acc_mc = np.mean(mc_average.argmax(axis=1) == y_te)
print(f"\ntest accuracy: deterministic pass {acc_det:.3f}, average of 30 masks {acc_mc:.3f}; "
      f"same class on {agreement:.1%} of test digits")
assert abs(acc_det - acc_mc) < 0.02 and agreement > 0.9
