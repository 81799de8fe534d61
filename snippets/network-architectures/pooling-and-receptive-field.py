"""Receptive fields and pooling, checked numerically in NumPy (1-D; 2-D is the same per axis).

1. The receptive-field recurrence r <- r + (k - 1) * d * j, j <- j * s, against an impulse
   experiment: feed one-hot inputs through a stack of convolutions and poolings with positive
   weights and see which inputs reach the central output unit.
2. The effective receptive field: in a deep stack most of the gradient mass sits near the centre.
3. Shifts: stride-2 pooling is not shift-invariant to a one-step shift; global pooling is
   invariant to circular shifts.
"""

# %%
# Layers are tuples (kind, kernel k, stride s, dilation d). "conv" has random positive weights,
# "avg" averages, "max" takes the maximum; all are "valid" (no padding).
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def layer(x, kind, k, s, d):
    """Apply one 1-D layer to a batch x of shape (batch, length)."""
    n_out = (x.shape[1] - d * (k - 1) - 1) // s + 1
    idx = np.arange(n_out)[:, None] * s + np.arange(k)[None, :] * d  # (n_out, k) input taps
    windows = x[:, idx]
    if kind == "max":
        return windows.max(axis=2)
    w = rng.uniform(0.5, 1.5, k) if kind == "conv" else np.full(k, 1 / k)
    return windows @ w


def recurrence(layers):
    """Receptive field r and jump j (input pixels between adjacent output units)."""
    r, j = 1, 1
    for _, k, s, d in layers:
        r, j = r + (k - 1) * d * j, j * s
    return r, j


def impulse_rf(layers, n=201):
    """Width of the set of inputs whose impulse changes the central output unit."""
    x = np.eye(n)  # row i is an impulse at position i
    base = np.zeros((1, n))
    for spec in layers:
        x, base = layer(x, *spec), layer(base, *spec)
    centre = x.shape[1] // 2
    hit = np.flatnonzero(np.abs(x[:, centre] - base[0, centre]) > 0)
    return hit.max() - hit.min() + 1


# %%
# Six stacks: plain 3-wide convolutions, conv + max pooling (VGG-like), strided convolutions,
# dilated convolutions with doubling dilation (WaveNet-like), average pooling, a ResNet-like stem.
stacks = {
    "3 x conv3": [("conv", 3, 1, 1)] * 3,
    "conv3-pool2 x2, conv3": [("conv", 3, 1, 1), ("max", 2, 2, 1)] * 2 + [("conv", 3, 1, 1)],
    "4 x conv3 stride 2": [("conv", 3, 2, 1)] * 4,
    "conv3 dilation 1,2,4,8": [("conv", 3, 1, d) for d in (1, 2, 4, 8)],
    "conv3, avg pool4 s4, conv3": [("conv", 3, 1, 1), ("avg", 4, 4, 1), ("conv", 3, 1, 1)],
    "ResNet-like stem, 3 x conv3": [("conv", 7, 2, 1), ("max", 3, 2, 1)] + [("conv", 3, 1, 1)] * 3,
}
print(f"{'stack':<28}{'recurrence':>11}{'impulse':>9}{'jump':>6}")
for name, layers in stacks.items():
    (r, j), r_imp = recurrence(layers), impulse_rf(layers)
    print(f"{name:<28}{r:>11}{r_imp:>9}{j:>6}")
    assert r == r_imp
assert recurrence(stacks["3 x conv3"])[0] == 7
assert recurrence(stacks["4 x conv3 stride 2"])[0] == 31
assert recurrence(stacks["conv3 dilation 1,2,4,8"])[0] == 31
assert recurrence(stacks["ResNet-like stem, 3 x conv3"])[0] == 35

# %%
# Effective receptive field: ten conv3 layers with unit weights (gradients are then trinomial
# counts). The theoretical field is 21 wide, but most of the gradient lies in the middle third.
depth = 10
g = np.array([1.0])
for _ in range(depth):
    g = np.convolve(g, np.ones(3))   # gradient of the centre unit w.r.t. each input
g /= g.sum()
mid = len(g) // 2
central = g[mid - 3: mid + 4].sum()  # central 7 of 21 positions
print(f"\n{depth} x conv3: receptive field {len(g)}, gradient mass in the central 7: {central:.2f}")
assert len(g) == 21 and 0.8 < central < 0.85

# %%
# Shifts. A random signal through max pooling 2 with stride 2: a shift by 2 shifts the output
# by exactly 1, a shift by 1 changes it. Global average and global max ignore circular shifts.
x = rng.normal(size=(1, 3000))   # long, so the changed share is close to its expectation
pool = lambda v: layer(v, "max", 2, 2, 1)
out, out2, out1 = pool(x), pool(np.roll(x, 2, axis=1)), pool(np.roll(x, 1, axis=1))
changed = np.mean(~np.isclose(out1[0, 1:], out[0, 1:]))
print(f"max pool s2: shift 2 -> exact shift of output: {np.allclose(out2[0, 1:], out[0, :-1])}; "
      f"shift 1 -> {changed:.0%} of outputs change")
assert np.allclose(out2[0, 1:], out[0, :-1]) and abs(changed - 2 / 3) < 0.05  # 2/3 expected
xs = np.roll(x, 5)
print(f"circular shift by 5: global mean {x.mean():.4f} -> {xs.mean():.4f}, global max {x.max():.4f} -> {xs.max():.4f}")
assert np.isclose(x.mean(), xs.mean()) and x.max() == xs.max()

