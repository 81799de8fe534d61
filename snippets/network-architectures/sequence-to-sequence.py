"""Two seq2seq facts on toy data: a fixed-size code is a bottleneck, and errors compound when a
model trained with teacher forcing feeds on its own predictions.

1. Encode random sequences of length T into d = 16 numbers with the best linear code (PCA) and
   measure how much of the sequence the decoder can recover as T grows.
2. A linear autoregressive model x[t+1] = A x[t] of a rotating 2-D state, fitted by one-step
   least squares on noisy observations (teacher forcing). Compare its error when every step is
   fed the true previous state with its error when it is fed its own previous output
   (free-running), and retrain it on its own multi-step rollouts.
"""

# %%
# 1. The bottleneck: share of variance a 16-number linear code keeps, on held-out sequences.
import os
import numpy as np
from scipy.optimize import minimize
from sklearn.decomposition import PCA

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
d = 16
print(f"{'length T':>8}{'variance kept':>15}{'d / T':>7}")
for T in (8, 16, 32, 64):
    train, test = rng.normal(size=(2000, T)), rng.normal(size=(500, T))
    pca = PCA(n_components=min(d, T), random_state=SEED).fit(train)
    rec = pca.inverse_transform(pca.transform(test))
    kept = 1 - ((rec - test) ** 2).sum() / (test ** 2).sum()
    print(f"{T:>8}{kept:>15.3f}{min(d, T) / T:>7.3f}")
    assert abs(kept - min(d, T) / T) < 0.03

# %%
# 2. The true process rotates a 2-D state by 2 pi / 25 per step. Training data: 20 noisy
# trajectories of 50 steps. Teacher forcing = regress each observed next state on the observed
# current state.
theta = 2 * np.pi / 25
R = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])


def trajectory(n, noise):
    x = [rng.normal(size=2)]
    x[0] /= np.linalg.norm(x[0])
    for _ in range(n - 1):
        x.append(R @ x[-1])
    return np.array(x) + noise * rng.normal(size=(n, 2))


data = [trajectory(50, 0.1) for _ in range(20)]
X = np.vstack([t[:-1] for t in data])
Y = np.vstack([t[1:] for t in data])
A_tf = np.linalg.lstsq(X, Y, rcond=None)[0].T


def rollout(A, x0, n):
    out = [x0]
    for _ in range(n - 1):
        out.append(A @ out[-1])
    return np.array(out)


# Multi-step training: fit A so that its own 10-step rollouts from each observed state match
# the observations (the idea behind scheduled sampling and sequence-level training).
def rollout_loss(a, k=10):
    A = a.reshape(2, 2)
    return sum(((rollout(A, t[i], k + 1)[1:] - t[i + 1: i + k + 1]) ** 2).sum()
               for t in data for i in range(0, 50 - k, 5))


A_ms = minimize(rollout_loss, A_tf.ravel(), method="BFGS").x.reshape(2, 2)

# %%
# Evaluate on a clean test trajectory of 100 steps.
test = trajectory(100, 0.0)
one_step = np.linalg.norm(test[1:] - test[:-1] @ A_tf.T, axis=1)    # teacher-forced inputs
free = np.linalg.norm(rollout(A_tf, test[0], 100) - test, axis=1)   # own outputs fed back
free_ms = np.linalg.norm(rollout(A_ms, test[0], 100) - test, axis=1)
norm_end = np.linalg.norm(rollout(A_tf, test[0], 100)[-1])
print(f"\n{'step':>5}{'teacher-forced':>16}{'free-running':>14}{'multi-step fit':>16}")
for t in (1, 10, 25, 50, 99):
    print(f"{t:>5}{one_step[t - 1]:>16.3f}{free[t]:>14.3f}{free_ms[t]:>16.3f}")
print(f"norm of the state: true 1.000, free-running after 99 steps {norm_end:.3f}")
assert one_step.max() < 0.04 and 0.01 < one_step.mean() < 0.03  # small and flat
assert free[50] > 20 * one_step.mean() and free[99] > free[10] * 3
assert norm_end < 0.25                              # drifted far from the training states
assert free_ms[50:].mean() < 0.5 * free[50:].mean()   # training on own rollouts helps
