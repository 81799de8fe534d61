"""Batch size: gradient noise, steps to a target, and the examples it costs.

1. The variance of a mini-batch gradient falls as 1 / B.
2. Streaming linear regression trained with SGD at batch sizes 1 to 1024, each with its best
   learning rate from a grid: up to a critical batch size, doubling B nearly halves the steps
   needed; beyond it the steps barely fall and the examples processed grow almost linearly.
"""

# %%
# 1. Gradient noise. For a fixed weight vector, draw many mini-batches (with replacement) of a
# logistic-regression loss on a synthetic data set and measure the variance of the gradient.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_classification(n_samples=5000, n_features=10, random_state=SEED)
rng = np.random.default_rng(SEED)
w = rng.normal(size=10) * 0.1
per_example = (1 / (1 + np.exp(-X @ w)) - y)[:, None] * X       # per-example gradients
full = per_example.mean(axis=0)
noise_1 = per_example.var(axis=0).sum()                          # total variance, B = 1
print(f"{'batch':>6}{'gradient variance':>19}{'x batch size':>14}")
for B in (1, 4, 16, 64, 256):
    idx = rng.integers(0, len(X), size=(4000, B))
    batch_grads = per_example[idx].mean(axis=1)
    var = ((batch_grads - full) ** 2).sum(axis=1).mean()
    print(f"{B:>6}{var:>19.4f}{var * B:>14.4f}")
    assert abs(var * B / noise_1 - 1) < 0.1                     # variance = noise_1 / B

# %%
# 2. Steps to reach an excess loss of 0.05 on streaming least squares (fresh examples every
# step, feature variances from 1 to 10, label noise 1). For each batch size, 16 learning
# rates from 0.001 to 0.2 run side by side, 5 independent runs each; a learning rate's score
# is the median over the runs, and the batch size gets the best learning rate's score.
d = 20
eig = np.geomspace(1, 10, d)                 # Hessian eigenvalues: feature variances
w_star = rng.normal(size=d)
lrs = np.geomspace(1e-3, 0.2, 16)            # 0.2 = 2 / largest eigenvalue: stability limit


def steps_to_target(B, target=0.05, reps=5, seed=SEED):
    r = np.random.default_rng(seed)
    W = np.zeros((reps, len(lrs), d))
    done = np.full((reps, len(lrs)), np.inf)
    for t in range(1, 100_000):
        Xb = r.normal(size=(reps, B, d)) * np.sqrt(eig)
        yb = Xb @ w_star + r.normal(size=(reps, B))
        resid = np.einsum("rbd,rld->rlb", Xb, W) - yb[:, None, :]
        W -= lrs[None, :, None] * np.einsum("rlb,rbd->rld", resid, Xb) / B
        excess = 0.5 * np.sum(eig * (W - w_star) ** 2, axis=2)   # exact population excess
        W[excess > 1e6] = np.nan                                  # diverged
        done = np.where((excess < target) & np.isinf(done), t, done)
        # 3 of 5 runs done = the median is t; later finishers cannot beat it.
        if (np.isfinite(done).sum(axis=0) >= 3).any():
            k = int(np.argmax(np.isfinite(done).sum(axis=0) >= 3))
            return t, lrs[k]


batch_sizes = np.array([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])
steps, best_lr = np.zeros(len(batch_sizes)), np.zeros(len(batch_sizes))
print(f"\n{'batch':>6}{'best lr':>9}{'steps':>7}{'examples':>10}")
for i, B in enumerate(batch_sizes):
    steps[i], best_lr[i] = steps_to_target(int(B))
    print(f"{B:>6}{best_lr[i]:>9.3f}{steps[i]:>7.0f}{steps[i] * B:>10.0f}")
examples = steps * batch_sizes
s = dict(zip(batch_sizes, steps))
# Small batches: bigger batches (with a proportionally bigger rate) need far fewer steps.
assert s[16] < s[1] / 5
assert best_lr[batch_sizes == 16][0] > 5 * best_lr[batch_sizes == 1][0]
# Large batches: the stability limit caps the rate, so steps stop falling ...
assert s[1024] > 0.5 * s[128]
assert best_lr[-1] == best_lr[batch_sizes == 128][0]
# ... and the examples (compute) needed grow: 1024 needs several times more than 16.
assert examples[-1] > 5 * examples[batch_sizes == 16][0]

# McCandlish et al.'s model: steps S(B) = S_min (1 + B_noise / B). A fit of S against 1 / B
# (weighted for relative error) gives S_min and the critical batch size B_noise, where
# S = 2 S_min and the examples needed are twice their minimum.
b_over, s_min = np.polyfit(1 / batch_sizes, steps, 1, w=1 / steps)
b_noise = b_over / s_min
print(f"fit: S_min = {s_min:.1f} steps, critical batch size B_noise = {b_noise:.0f}")
assert 55 < b_noise < 85

# %%
# Steps and examples against batch size.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Steps and training examples needed to reach a target loss against batch size, on "
        "log-log axes: steps fall roughly in proportion to the batch size up to a few tens of "
        "examples and then flatten, while the number of examples needed stays within a small "
        "factor at small batches and then rises steeply")
ax.loglog(batch_sizes, steps, marker="o", label="steps to target")
ax.loglog(batch_sizes, examples, marker="s", label="examples to target (steps x B)")
ax.set_xlabel("batch size B")
ax.legend(fontsize=9)
fig.tight_layout()
plt.show()
