"""Common activation functions: their shapes, their slopes, and why a network needs one.

Computes each function and its derivative on a grid, checks the facts that matter for training
(the sigmoid's slope never exceeds 1/4, ReLU's slope is exactly 1 for positive inputs, GELU's
tanh approximation is close), shows that a network without a non-linearity is a linear model,
and plots the functions with their derivatives.
"""

# %%
# The functions and their derivatives.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import erf
from sklearn.datasets import make_circles
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def gelu(z):  # exact: z * Phi(z), Phi the standard normal CDF
    return z * 0.5 * (1 + erf(z / np.sqrt(2)))


functions = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "ReLU": lambda z: np.maximum(z, 0),
    "leaky ReLU (0.1)": lambda z: np.where(z > 0, z, 0.1 * z),
    "GELU": gelu,
    "SiLU / swish": lambda z: z * sigmoid(z),
}
z = np.linspace(-5, 5, 2001)
values = {name: f(z) for name, f in functions.items()}
slopes = {name: np.gradient(v, z) for name, v in values.items()}

print(f"{'function':<18}{'max slope':>10}{'slope at z=-4':>15}{'slope at z=4':>14}")
for name in functions:
    s = slopes[name]
    print(f"{name:<18}{s.max():10.3f}{np.interp(-4, z, s):15.3f}{np.interp(4, z, s):14.3f}")

assert abs(slopes["sigmoid"].max() - 0.25) < 1e-3          # sigmoid' = s(1 - s) <= 1/4
assert abs(slopes["tanh"].max() - 1.0) < 1e-3               # tanh' = 1 - tanh^2 <= 1
assert np.interp(4, z, slopes["sigmoid"]) < 0.02            # saturation: almost flat
assert np.interp(4, z, slopes["tanh"]) < 0.002
assert np.allclose(slopes["ReLU"][z > 0.01], 1)             # no saturation for z > 0
assert np.allclose(slopes["ReLU"][z < -0.01], 0)            # but no gradient for z < 0
assert np.allclose(np.tanh(z), 2 * sigmoid(2 * z) - 1)      # tanh is a rescaled sigmoid
# GELU's popular tanh approximation is within 1e-3 of the exact form.
gelu_tanh = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
assert np.abs(gelu_tanh - values["GELU"]).max() < 1e-3
# GELU and SiLU dip below zero (minimum near -0.17 and -0.28); ReLU never does.
print(f"minimum of GELU {values['GELU'].min():.3f}, of SiLU {values['SiLU / swish'].min():.3f}")
assert -0.18 < values["GELU"].min() < -0.16 and -0.29 < values["SiLU / swish"].min() < -0.27

# %%
# ReLU outputs are exactly zero for about half of a layer's units at initialisation: sparse
# activations, and cheap to compute (a comparison, no exponential).
rng = np.random.default_rng(SEED)
h = np.maximum(rng.normal(size=(500, 20)) @ rng.normal(0, np.sqrt(2 / 20), (20, 256)), 0)
zero_fraction = np.mean(h == 0)
print(f"fraction of ReLU outputs exactly zero at initialisation: {zero_fraction:.2f}")
assert 0.4 < zero_fraction < 0.6

# %%
# Without a non-linearity, stacked layers collapse to one linear map, so the network cannot
# separate two concentric circles. With two sigmoid layers the loss starts on a plateau so flat
# that L-BFGS's default gradient test (tol=1e-4) stops it after a few iterations; with a
# stricter tolerance it does learn, but needs many more iterations than tanh or ReLU.
X, y = make_circles(n_samples=600, noise=0.08, factor=0.5, random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=SEED, stratify=y)
print("\nMLP, two hidden layers of 16 units, on two concentric circles (L-BFGS)")
print(f"  {'activation':<10}{'tol':>7}{'iterations':>12}{'train loss':>12}{'test acc':>10}")
fits = {}
for activation, tol in [("identity", 1e-4), ("logistic", 1e-4), ("logistic", 1e-6),
                        ("tanh", 1e-4), ("relu", 1e-4)]:
    clf = MLPClassifier(hidden_layer_sizes=(16, 16), activation=activation, solver="lbfgs",
                        tol=tol, max_iter=2000, random_state=SEED).fit(X_tr, y_tr)
    fits[activation, tol] = (clf.n_iter_, clf.loss_, clf.score(X_te, y_te))
    print(f"  {activation:<10}{tol:>7.0e}{clf.n_iter_:>12d}{clf.loss_:>12.3f}"
          f"{clf.score(X_te, y_te):>10.3f}")
assert fits["identity", 1e-4][2] < 0.65                       # linear: near chance
stalled, patient = fits["logistic", 1e-4], fits["logistic", 1e-6]
if SEED == 0:    # whether the default tolerance stops it on the plateau depends on the draw
    assert stalled[0] < 10 and abs(stalled[1] - np.log(2)) < 0.01  # stopped at loss ln 2
assert patient[2] > 0.95
assert patient[0] > 3 * max(fits["tanh", 1e-4][0], fits["relu", 1e-4][0])
assert min(fits["tanh", 1e-4][2], fits["relu", 1e-4][2]) > 0.95

# A two-layer linear network is exactly one linear layer.
W1, W2 = rng.normal(size=(2, 16)), rng.normal(size=(16, 3))
assert np.allclose((X @ W1) @ W2, X @ (W1 @ W2))

# %%
# Plot the functions (left) and their derivatives (right).
fig, (ax_f, ax_d) = plt.subplots(
    1, 2, figsize=(8.0, 3.4),
    num="Six activation functions on the left and their derivatives on the right: sigmoid "
        "and tanh flatten out for large inputs, so their slopes fall to zero, while ReLU, "
        "leaky ReLU, GELU and SiLU keep a slope near one for positive inputs")
for name in functions:
    ax_f.plot(z, values[name], label=name, lw=1.4)
    ax_d.plot(z, slopes[name], lw=1.4)
ax_f.set_ylim(-1.5, 3)
ax_f.set_title("activation", fontsize=10)
ax_d.set_title("derivative", fontsize=10)
for ax in (ax_f, ax_d):
    ax.set_xlabel("z")
    ax.axhline(0, color="gray", lw=0.5)
ax_f.legend(fontsize=7)
fig.tight_layout()
plt.show()
