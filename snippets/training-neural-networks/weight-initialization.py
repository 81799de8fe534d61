"""Weight initialisation: keeping the signal's scale through depth, and breaking symmetry.

Pushes a batch through 50 dense layers of width 256 under several initialisations and records
the standard deviation of the activations at each layer: only the scale matched to the
activation function (Xavier for tanh, He for ReLU) keeps it level. A small network whose
weights all start equal shows why initial weights must also be random.
"""

# %%
# One layer's variance rule: Var(z) = n_in * Var(w) * E[x^2]. Check it on one wide layer fed
# with ReLU outputs, for which E[x^2] is half the variance of the pre-activation.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
width, depth, batch = 256, 50, 500
z_prev = rng.normal(size=(batch, width))
x = np.maximum(z_prev, 0)
W = rng.normal(0, np.sqrt(2 / width), (width, width))        # He: Var(w) = 2 / n_in
z = x @ W
predicted = width * (2 / width) * np.mean(x**2)
print(f"E[x^2] of ReLU(N(0,1)) = {np.mean(x**2):.3f} (theory 0.5); "
      f"Var(z) = {z.var():.3f}, rule predicts {predicted:.3f}")
assert abs(np.mean(x**2) - 0.5) < 0.01 and abs(z.var() / predicted - 1) < 0.05


# %%
# Forward pass through a deep stack: standard deviation of each layer's activations.
def activation_stds(phi, std):
    a = rng.normal(size=(batch, width))
    stds = []
    for _ in range(depth):
        a = phi(a @ rng.normal(0, std, (width, width)))
        stds.append(a.std())
    return np.array(stds)


relu = lambda t: np.maximum(t, 0)
n = width
setups = {
    "tanh, N(0, 0.01^2)": (np.tanh, 0.01),
    "tanh, Xavier": (np.tanh, np.sqrt(2 / (n + n))),         # Glorot: 2 / (fan_in + fan_out)
    "ReLU, Xavier": (relu, np.sqrt(2 / (n + n))),
    "ReLU, He": (relu, np.sqrt(2 / n)),
    "ReLU, N(0, 1)": (relu, 1.0),
}
stds = {name: activation_stds(*cfg) for name, cfg in setups.items()}
print(f"\n{'initialisation':<22}{'std layer 1':>12}{'layer 10':>11}{'layer 50':>11}")
for name, s in stds.items():
    print(f"{name:<22}{s[0]:12.2e}{s[9]:11.2e}{s[-1]:11.2e}")

assert stds["tanh, N(0, 0.01^2)"][-1] < 1e-30          # shrinks by ~0.16 per layer
assert 0.05 < stds["tanh, Xavier"][-1] < 1             # decays slowly (tanh' < 1 off zero)
assert stds["ReLU, Xavier"][-1] < 1e-5                 # halves the variance per layer
# He keeps the scale within a small factor: preserved in expectation, with a random drift
# at finite width.
assert 0.2 < stds["ReLU, He"][-1] / stds["ReLU, He"][0] < 5
assert stds["ReLU, N(0, 1)"][-1] > 1e30                # grows by ~sqrt(n/2) = 11 per layer
ratio = stds["ReLU, Xavier"][1:] / stds["ReLU, Xavier"][:-1]
print(f"ReLU with Xavier: std shrinks by a median factor {np.median(ratio):.3f} per layer "
      f"(theory 1/sqrt(2) = {1 / np.sqrt(2):.3f})")
assert abs(np.median(ratio) - 1 / np.sqrt(2)) < 0.02

# %%
# Symmetry: if every hidden unit starts with the same weights, every unit gets the same
# gradient, and gradient descent keeps them identical forever. Random weights break the tie.
X = rng.normal(size=(200, 4))
y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)   # XOR-like target


def train(W1, W2, steps=1000, lr=1.0):
    b1, b2 = np.zeros(W1.shape[1]), 0.0
    for _ in range(steps):
        h = np.tanh(X @ W1 + b1)
        p = 1 / (1 + np.exp(-(h @ W2 + b2)))
        d_out = (p - y) / len(X)
        d_h = (d_out @ W2.T) * (1 - h**2)
        W2, b2 = W2 - lr * h.T @ d_out, b2 - lr * d_out.sum()
        W1, b1 = W1 - lr * X.T @ d_h, b1 - lr * d_h.sum(axis=0)
    accuracy = np.mean((p > 0.5) == (y == 1))
    return W1, accuracy


W1_const, acc_const = train(np.full((4, 8), 0.1), np.full((8, 1), 0.1))
W1_rand, acc_rand = train(rng.normal(0, 0.5, (4, 8)), rng.normal(0, 0.5, (8, 1)))
spread_const = W1_const.std(axis=1).max()      # spread across the 8 hidden units
spread_rand = W1_rand.std(axis=1).max()
print(f"\nconstant init: spread of hidden units' weights after training {spread_const:.1e}, "
      f"training accuracy {acc_const:.2f}")
print(f"random init:   spread of hidden units' weights after training {spread_rand:.1e}, "
      f"training accuracy {acc_rand:.2f}")
assert spread_const < 1e-12 < 0.1 < spread_rand   # constant init: all 8 units still identical
assert acc_rand > 0.95 and acc_const < 0.8   # 8 identical units act like one unit

# %%
# Plot the activation scale through depth.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Standard deviation of activations against depth for five initialisations on a log "
        "scale: ReLU with He initialisation stays level and tanh with Xavier decays slowly, "
        "while ReLU with Xavier and tanh with tiny weights shrink geometrically and ReLU with "
        "unit-variance weights grows geometrically")
for name, s in stds.items():
    ax.semilogy(np.arange(1, depth + 1), s, label=name)
ax.set_xlabel("layer")
ax.set_ylabel("std of activations")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
