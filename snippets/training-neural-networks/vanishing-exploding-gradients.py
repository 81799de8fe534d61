"""Vanishing and exploding gradients in a deep fully connected network, in NumPy.

A 30-layer network of width 64 is run forward on random inputs, and a random error signal is
sent back through it. The size of the error signal at each layer shows the backward signal
shrinking geometrically with sigmoid units or too-small weights, staying level with ReLU and He
initialisation, and growing geometrically when the weights are only 1.5 times too large; the
weight gradients themselves combine this with the forward signal. The last cell checks what
gradient clipping by global norm does.
"""

# %%
# Forward and backward pass through a plain stack of dense layers (no biases).
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

depth, width, batch = 30, 64, 256
rng = np.random.default_rng(SEED)
X = rng.normal(size=(batch, width))
upstream = rng.normal(size=(batch, width))   # dL/d(output) from some loss

acts = {
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)),
                lambda z, a: a * (1 - a)),
    "tanh": (np.tanh, lambda z, a: 1 - a**2),
    "relu": (lambda z: np.maximum(z, 0), lambda z, a: (z > 0).astype(float)),
}


def gradient_norms(activation, std):
    """Norms of the error signal dL/dz and of dL/dW for every layer, first layer first."""
    phi, dphi = acts[activation]
    Ws = [rng.normal(0, std, (width, width)) for _ in range(depth)]
    a, cache = X, []
    for W in Ws:
        z = a @ W
        cache.append((a, z, phi(z)))
        a = cache[-1][2]
    grad_a, signal, weight = upstream, [], []
    for W, (a_prev, z, a_out) in zip(reversed(Ws), reversed(cache)):
        delta = grad_a * dphi(z, a_out)          # dL/dz for this layer
        signal.append(np.linalg.norm(delta))
        weight.append(np.linalg.norm(a_prev.T @ delta))
        grad_a = delta @ W.T                     # dL/da of the layer below
    return np.array(signal[::-1]), np.array(weight[::-1])


# %%
# Four set-ups. Xavier/Glorot uses std sqrt(1/n) here (fan-in version), He uses sqrt(2/n).
n = width
setups = {
    "sigmoid, Xavier": ("sigmoid", np.sqrt(1 / n)),
    "tanh, std 0.5 x Xavier": ("tanh", 0.5 * np.sqrt(1 / n)),
    "ReLU, He": ("relu", np.sqrt(2 / n)),
    "ReLU, 1.5 x He": ("relu", 1.5 * np.sqrt(2 / n)),
}
results = {name: gradient_norms(*cfg) for name, cfg in setups.items()}

print(f"{'set-up':<24}{'|dL/dz| ratio':>14}{'|dL/dW| layer 1':>17}{'layer 30':>10}")
print(f"{'':<24}{'layer 1 / 30':>14}")
for name, (signal, weight) in results.items():
    print(f"{name:<24}{signal[0] / signal[-1]:14.1e}{weight[0]:17.1e}{weight[-1]:10.1e}")

ratio = {name: signal[0] / signal[-1] for name, (signal, _) in results.items()}
weight = {name: w for name, (_, w) in results.items()}
# Backward signal: shrinks with sigmoid (slope <= 1/4) and with too-small weights, stays
# level with ReLU + He, and grows with weights 1.5 times too large.
assert ratio["sigmoid, Xavier"] < 1e-10
assert ratio["tanh, std 0.5 x Xavier"] < 1e-6
assert 0.1 < ratio["ReLU, He"] < 10
assert ratio["ReLU, 1.5 x He"] > 1e3
growth = np.exp(-np.polyfit(np.arange(depth), np.log(results["ReLU, 1.5 x He"][0]), 1)[0])
print(f"fitted per-layer growth of dL/dz, ReLU 1.5 x He: {growth:.2f}")
assert 1.3 < growth < 1.7
# Weight gradients multiply the forward activation by the backward signal. With sigmoid the
# forward activations stay near 0.5, so the first layers' gradients vanish; with badly scaled
# weights the forward signal shrinks or grows too, and every layer's gradient is tiny or huge.
assert weight["sigmoid, Xavier"][0] < 1e-8 * weight["sigmoid, Xavier"][-1]
assert weight["tanh, std 0.5 x Xavier"].max() < 1e-4 < 10 < weight["ReLU, He"].min()
assert weight["ReLU, He"].max() < 1e4 < 1e6 < weight["ReLU, 1.5 x He"].min()

# %%
# Gradient clipping by global norm: rescale all gradients together when their combined norm
# exceeds a threshold. The direction is unchanged; only the step length is capped.
grads = [rng.normal(0, 50, (width, width)) for _ in range(3)]
max_norm = 1.0
total = np.sqrt(sum((g**2).sum() for g in grads))
clipped = [g * min(1.0, max_norm / total) for g in grads]
flat, flat_clipped = np.concatenate([g.ravel() for g in grads]), np.concatenate(
    [g.ravel() for g in clipped])
cosine = flat @ flat_clipped / (np.linalg.norm(flat) * np.linalg.norm(flat_clipped))
print(f"\nglobal norm before clipping {total:.0f}, after {np.linalg.norm(flat_clipped):.2f}, "
      f"cosine with the original direction {cosine:.6f}")
assert np.isclose(np.linalg.norm(flat_clipped), max_norm) and np.isclose(cosine, 1.0)

# %%
# Plot the gradient norm layer by layer on a log scale.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Norm of the backpropagated error signal against layer index for a 30-layer network, "
        "on a log scale: the sigmoid and small-weight tanh networks fall by many orders of "
        "magnitude towards the first layer, ReLU with He initialisation stays level, and ReLU "
        "with weights 1.5 times too large grows steadily towards the first layer")
for name, (signal, _) in results.items():
    ax.semilogy(np.arange(1, depth + 1), signal, marker="o", markersize=3, label=name)
ax.set_xlabel("layer (1 = nearest the input)")
ax.set_ylabel("norm of dL/dz")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
