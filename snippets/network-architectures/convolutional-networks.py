"""The arithmetic and properties of a convolution layer, in NumPy.

Counts the weights of convolution and dense layers, checks the output-size formula and the
receptive field of stacked 3 x 3 layers, shows that a convolution commutes with shifts of its
input (and that pooling gives partial invariance), and applies hand-set Sobel edge filters to
a handwritten digit.
"""

# %%
# Parameter counts. In a standard convolution a filter spans all input channels, so it has
# kernel height x kernel width x input channels weights, plus one bias. A grouped convolution
# gives each filter only the channels of its group (depthwise: one channel per filter).
import os
import matplotlib.pyplot as plt
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.signal import convolve2d, correlate2d
from sklearn.datasets import load_digits

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def conv_params(k_h, k_w, c_in, filters, bias=True, groups=1):
    return k_h * k_w * (c_in // groups) * filters + (filters if bias else 0)


def dense_params(n_in, n_out, bias=True):
    return n_in * n_out + (n_out if bias else 0)


# A 3 x 3 filter on the output of nine 3 x 3 filters sees 9 channels: 81 weights, not 9.
one_filter = conv_params(3, 3, 9, 1, bias=False)
print(f"one 3x3 filter over 9 input channels: {one_filter} weights (+1 bias)\n")
assert one_filter == 81
assert conv_params(3, 3, 64, 1, bias=False) == 576     # 3 x 3 filter on 64 channels
assert conv_params(5, 5, 16, 32) == 12_832             # 5 x 5, 16 -> 32 channels
assert conv_params(3, 3, 64, 64, bias=False, groups=64) == 576   # depthwise: 9 per channel

# A 32 x 32 x 3 image mapped to 32 feature maps of the same size.
conv = conv_params(3, 3, 3, 32)
dense = dense_params(32 * 32 * 3, 32 * 32 * 32)
print("32x32x3 input -> 32x32x32 output     parameters")
print(f"  3x3 convolution, 32 filters     {conv:>13,}")
print(f"  fully connected layer           {dense:>13,}")
assert conv == 896
assert dense == 100_696_064
assert dense > 100_000 * conv

# %%
# Output size: floor((n + 2p - k) / s) + 1, checked on familiar layers and against an
# actual NumPy cross-correlation with padding and stride.


def out_size(n, k, p=0, s=1):
    return (n + 2 * p - k) // s + 1


def cross_correlate(image, kernel, padding=0, stride=1):
    """What deep-learning libraries call convolution: no kernel flip."""
    image = np.pad(image, padding)
    windows = sliding_window_view(image, kernel.shape)[::stride, ::stride]
    return np.einsum("ijkl,kl->ij", windows, kernel)


assert out_size(32, 3, p=1) == 32          # "same" padding keeps the size
assert out_size(32, 5) == 28               # LeNet-style 5 x 5, no padding
assert out_size(224, 7, p=3, s=2) == 112   # ResNet stem
assert out_size(227, 11, s=4) == 55        # AlexNet's first layer
rng = np.random.default_rng(SEED)
for n, k, p, s in [(32, 3, 1, 1), (32, 5, 0, 1), (28, 3, 0, 2), (9, 4, 2, 3)]:
    x = rng.normal(size=(n, n))
    assert cross_correlate(x, np.ones((k, k)), p, s).shape == (out_size(n, k, p, s),) * 2

# Deep-learning "convolution" is cross-correlation; true convolution flips the kernel.
x, w = rng.normal(size=(8, 8)), rng.normal(size=(3, 3))
assert np.allclose(cross_correlate(x, w), correlate2d(x, w, mode="valid"))
assert np.allclose(convolve2d(x, w, mode="valid"), cross_correlate(x, w[::-1, ::-1]))
assert not np.allclose(convolve2d(x, w, mode="valid"), cross_correlate(x, w))


# A grouped convolution: the channels and the filters are split into groups, and each filter
# sees only its group's channels. It equals a standard convolution whose weights are zero
# outside the diagonal blocks, so it has `groups` times fewer non-zero weights.
def conv_layer(x, w, groups=1):
    """x: (C_in, H, W); w: (F, C_in // groups, k, k). Returns (F, H - k + 1, W - k + 1)."""
    f_per_group, c_per_group = w.shape[0] // groups, w.shape[1]
    return np.stack([
        sum(cross_correlate(x[(f // f_per_group) * c_per_group + c], w[f, c])
            for c in range(c_per_group))
        for f in range(w.shape[0])])


c_in, n_filters, groups = 8, 4, 2
x = rng.normal(size=(c_in, 10, 10))
w_grouped = rng.normal(size=(n_filters, c_in // groups, 3, 3))
w_full = np.zeros((n_filters, c_in, 3, 3))                    # block-diagonal equivalent
for f in range(n_filters):
    g = f // (n_filters // groups)
    w_full[f, g * (c_in // groups):(g + 1) * (c_in // groups)] = w_grouped[f]
assert np.allclose(conv_layer(x, w_grouped, groups), conv_layer(x, w_full))
assert np.count_nonzero(w_full) == w_grouped.size == conv_params(3, 3, c_in, n_filters,
                                                                 bias=False, groups=groups)
assert w_full.size == groups * w_grouped.size

# %%
# Receptive field of L stacked 3 x 3 layers (stride 1) is 1 + 2L, measured by pushing a
# single bright pixel through the stack and counting how far it spreads. Three 3 x 3
# layers see 7 x 7 like one 7 x 7 layer, with 27 C^2 instead of 49 C^2 weights (as in VGG).
print("\n3x3 layers   receptive field   weights of the stack   one k x k layer  (C = 64)")
C = 64
for n_layers in (1, 2, 3):
    impulse = np.zeros((15, 15))
    impulse[7, 7] = 1.0
    response = impulse
    for _ in range(n_layers):
        response = cross_correlate(response, np.ones((3, 3)), padding=1)
    field = int(np.count_nonzero(response[7]))
    k = 1 + 2 * n_layers
    stacked = n_layers * conv_params(3, 3, C, C, bias=False)
    single = conv_params(k, k, C, C, bias=False)
    print(f"{n_layers:10d}   {field:>8d} x {field:<6d}  {stacked:>20,}   {single:>15,}")
    assert field == k
    assert stacked <= single
assert np.isclose(3 * conv_params(3, 3, C, C, bias=False) / conv_params(7, 7, C, C, bias=False),
                  27 / 49)

# %%
# Translation equivariance: shifting the input shifts the feature map by the same amount.
# Pooling adds partial invariance: global max pooling ignores the shift entirely.
digits = load_digits()
digit = np.pad(digits.images[0] / 16.0, 4)          # 16 x 16, zero border
sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=float)
sobel_y = sobel_x.T

shift = (2, 3)
shifted = np.roll(digit, shift, axis=(0, 1))        # content stays inside the zero border
fmap = cross_correlate(digit, sobel_x, padding=1)
fmap_of_shifted = cross_correlate(shifted, sobel_x, padding=1)
assert np.allclose(np.roll(fmap, shift, axis=(0, 1)), fmap_of_shifted)
assert np.isclose(fmap.max(), fmap_of_shifted.max())          # global max pooling


def max_pool(a, size=2):
    h, w = a.shape[0] // size * size, a.shape[1] // size * size
    return a[:h, :w].reshape(h // size, size, w // size, size).max(axis=(1, 3))


# A 2 x 2 max pool (after a ReLU, as in a network) is only partly invariant: after a
# one-pixel shift the pooled maps agree better than the raw maps do, but not exactly.
relu_map = np.maximum(fmap, 0)
relu_one_px = np.maximum(
    cross_correlate(np.roll(digit, (0, 1), axis=(0, 1)), sobel_x, padding=1), 0)
raw_change = np.abs(relu_one_px - relu_map).sum() / relu_map.sum()
pooled_change = (np.abs(max_pool(relu_one_px) - max_pool(relu_map)).sum()
                 / max_pool(relu_map).sum())
print(f"\nrelative change after a 1-pixel shift: raw map {raw_change:.2f}, "
      f"2x2 max-pooled {pooled_change:.2f}")
assert 0 < pooled_change < raw_change

# %%
# Hand-set Sobel filters on a digit: one responds to vertical edges (left-right change),
# the other to horizontal edges; the magnitude combines them.
# On a vertical step edge only the x filter fires, and flat regions give zero
# (each Sobel kernel sums to zero).
step = np.zeros((6, 6))
step[:, 3:] = 1.0
assert np.abs(cross_correlate(step, sobel_x)).max() > 0
assert np.allclose(cross_correlate(step, sobel_y), 0)
assert np.allclose(cross_correlate(np.ones((6, 6)), sobel_x), 0)

index = 7
digit = np.pad(digits.images[index] / 16.0, 2)       # 12 x 12, values in [0, 1]
edges_x = cross_correlate(digit, sobel_x, padding=1)
edges_y = cross_correlate(digit, sobel_y, padding=1)
magnitude = np.hypot(edges_x, edges_y)
assert edges_x.shape == digit.shape                  # padding 1 keeps the size

fig, axes = plt.subplots(
    1, 4, figsize=(8.0, 2.6),
    num=f"A handwritten {digits.target[index]} from scikit-learn's digits and three "
        "feature maps from Sobel filters: vertical edges, horizontal edges and their "
        "combined magnitude, which outlines the digit's strokes",
)
panels = [(digit, "input digit", "gray_r"), (edges_x, "Sobel x (vertical edges)", "RdBu"),
          (edges_y, "Sobel y (horizontal edges)", "RdBu"), (magnitude, "edge magnitude", "magma")]
for ax, (img, title, cmap) in zip(axes, panels):
    lim = np.abs(img).max()
    vmin = -lim if cmap == "RdBu" else None
    ax.imshow(img, cmap=cmap, vmin=vmin, vmax=lim if vmin is not None else None)
    ax.set_title(title, fontsize=9)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
