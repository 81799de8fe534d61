"""Batch, stochastic and mini-batch gradient descent on one least-squares problem.

Measures how the noise of a mini-batch gradient shrinks with the batch size, then runs full-batch
gradient descent, SGD with one example per step, mini-batch SGD and SGD with a decaying learning
rate for the same number of passes over the data, and compares the excess loss each reaches.
"""

# %%
# A linear regression with 4,000 examples and 20 features whose scales range over a factor of
# 10, so the problem is moderately ill-conditioned (condition number about 100).
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

n, d = 4000, 20
X = rng.normal(size=(n, d)) * np.logspace(0, -1, d)
y = X @ rng.normal(size=d) + rng.normal(size=n)
w_star = np.linalg.lstsq(X, y, rcond=None)[0]


def loss(w):
    return 0.5 * np.mean((X @ w - y) ** 2)


def grad(w, idx):
    return X[idx].T @ (X[idx] @ w - y[idx]) / len(idx)


L_smooth = np.linalg.eigvalsh(X.T @ X / n)[-1]  # largest curvature: GD is stable for lr < 2/L
R2 = np.mean(np.sum(X ** 2, axis=1))             # mean squared example norm, sets the SGD scale
excess0 = loss(np.zeros(d)) - loss(w_star)

# %%
# Gradient noise at w = 0: the error of a mini-batch estimate (examples drawn with replacement)
# has root-mean-square size proportional to 1 / sqrt(B), while a step costs B example-gradients.
g_full = grad(np.zeros(d), np.arange(n))
print("batch  example-grads/step  RMS error of gradient  x sqrt(B)")
rms = {}
for B in (1, 4, 16, 64, 256):
    idx = rng.integers(0, n, size=(1000, B))
    est = np.einsum("kbd,kb->kd", X[idx], -y[idx]) / B  # gradient at w = 0 for each batch
    rms[B] = np.sqrt(np.mean(np.sum((est - g_full) ** 2, axis=1)))
    print(f"{B:5d}  {B:10d}              {rms[B]:8.3f}            {rms[B] * np.sqrt(B):.3f}")
# Theory: mean squared error = (mean squared deviation of one example's gradient) / B.
per_example = -X * y[:, None]                         # each example's gradient at w = 0
sigma = np.sqrt(np.mean(np.sum((per_example - g_full) ** 2, axis=1)))
print(f"theory: sqrt(B) x RMS error = {sigma:.3f} for every B")
for B in rms:
    assert abs(rms[B] * np.sqrt(B) / sigma - 1) < 0.1


# %%
# Training runs with the same budget: 10 passes (epochs) over the data. Excess loss
# L(w) - L(w*) is recorded 20 times per epoch.
def run(B, lr, epochs=10):
    w, t, trace = np.zeros(d), 0, []
    checkpoints = set(np.linspace(0, n // B, 21).astype(int)[1:])
    for _ in range(epochs):
        perm = rng.permutation(n)
        for k in range(n // B):
            w -= lr(t) * grad(w, perm[k * B:(k + 1) * B])
            t += 1
            if k + 1 in checkpoints:
                trace.append(loss(w) - loss(w_star))
    return np.array(trace)  # 20 values per epoch, or one per step for full batch


eta = 0.1 / R2
runs = {
    "full batch, lr 1/L": run(n, lambda t: 1 / L_smooth),
    "SGD B=1, lr eta": run(1, lambda t: eta),
    "SGD B=1, lr 2 eta": run(1, lambda t: 2 * eta),
    "mini-batch B=32, lr 32 eta": run(32, lambda t: 32 * eta),
    "SGD B=1, lr 5 eta / (1 + t/2000)": run(1, lambda t: 5 * eta / (1 + t / 2000)),
}


def at_epoch(trace, e):  # excess loss at the end of epoch e
    return trace[e - 1] if len(trace) == 10 else trace[20 * e - 1]


def plateau(trace):  # mean excess loss over the second half of training (epochs 6-10)
    return trace[len(trace) // 2:].mean()


print(f"\nstarting excess loss {excess0:.3f}")
print("method                              epoch 1   epoch 3   epoch 10   mean epochs 6-10")
for name, tr in runs.items():
    print(f"  {name:<33} {at_epoch(tr, 1):.4f}    {at_epoch(tr, 3):.4f}    {at_epoch(tr, 10):.4f}"
          f"     {plateau(tr):.4f}")

gd, sgd, sgd2, mb, dec = runs.values()
# One pass of SGD makes far more progress than one full-batch step on the same data.
assert at_epoch(sgd, 1) < 0.2 * at_epoch(gd, 1)
# Full-batch GD keeps converging; constant-rate SGD stalls at a noise floor.
assert at_epoch(gd, 10) < 0.67 * at_epoch(gd, 3)
assert plateau(sgd) > 0.7 * sgd[20:60].mean()
# The floor scales with the learning rate: doubling it roughly doubles the floor.
assert 1.4 < plateau(sgd2) / plateau(sgd) < 3.2
# Batch 32 with a 32 times larger rate lands on a floor of similar height, in 32 times fewer steps.
assert 0.5 < plateau(mb) / plateau(sgd) < 2
# A decaying learning rate gets below the constant-rate floor.
assert dec[-20:].mean() < 0.35 * plateau(sgd)

# %%
# Figure: excess loss against passes over the data (log scale).
fig, ax = plt.subplots(figsize=(6.4, 3.6), num="Excess training loss against epochs: full-batch "
                       "gradient descent falls slowly but steadily, constant-rate SGD drops fast "
                       "then fluctuates at a noise floor, and SGD with a decaying rate goes lower")
for name, tr in runs.items():
    ax.plot(np.arange(1, len(tr) + 1) * 10 / len(tr), tr, label=name, linewidth=1)
ax.set(yscale="log", xlabel="epochs (passes over the data)", ylabel="L(w) - L(w*)")
ax.legend(frameon=False, fontsize=7)
fig.tight_layout()
plt.show()
