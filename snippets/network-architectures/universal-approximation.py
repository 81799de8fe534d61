"""What a ReLU multilayer perceptron can represent, by explicit construction in NumPy.

One hidden layer of n ReLUs can be any continuous piecewise-linear function with n kinks, so it
can interpolate any 1-D function and the error falls as the width grows; two hidden units solve
XOR, which no linear model can. Depth buys efficiency: composing a two-unit "tent" layer L times
gives 2^L linear pieces, which a single hidden layer needs about 2^L units to match.
"""

# %%
# Width: one hidden layer that interpolates f linearly between n + 1 knots. Each ReLU switches
# on at a knot and changes the slope by the right amount:
#   f_hat(x) = f(t_0) + s_0 (x - t_0) + sum_i (s_i - s_{i-1}) relu(x - t_i).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # unused: every construction here is exact


def relu(z):
    return np.maximum(z, 0)


def f(x):
    return np.sin(3 * x) + 0.3 * x**2


def one_layer_interpolant(func, lo, hi, n_units):
    """Hidden layer weights 1 and biases -t_i; output weights = slope changes."""
    knots = np.linspace(lo, hi, n_units + 1)
    slopes = np.diff(func(knots)) / np.diff(knots)
    out_w = np.r_[slopes[0], np.diff(slopes)]            # one output weight per hidden unit
    hidden_b = -knots[:-1]
    return lambda x: func(knots[0]) + relu(x[:, None] + hidden_b) @ out_w


x = np.linspace(-2, 2, 4001)
widths = np.array([4, 8, 16, 32, 64, 128])
errors = np.array([np.abs(one_layer_interpolant(f, -2, 2, n)(x) - f(x)).max() for n in widths])
print("hidden units   max |error| on [-2, 2]")
for n, e in zip(widths, errors):
    print(f"{n:12d}   {e:.5f}")
slope = np.polyfit(np.log(widths[2:]), np.log(errors[2:]), 1)[0]
print(f"error ~ width^{slope:.2f}")
assert (np.diff(errors) < 0).all()
assert -2.2 < slope < -1.8            # linear interpolation of a smooth function: O(1 / n^2)
assert errors[-1] < 2e-3

# %%
# XOR: no line separates (0,0), (1,1) from (0,1), (1,0); two ReLUs and a linear output do.
X_xor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_xor = np.array([0, 1, 1, 0])
linear = LogisticRegression(C=1e6, max_iter=1000).fit(X_xor, y_xor)
hidden = relu(X_xor @ np.array([[1.0, 1.0], [1.0, 1.0]]) + np.array([0.0, -1.0]))
net_out = hidden @ np.array([1.0, -2.0])             # relu(x1 + x2) - 2 relu(x1 + x2 - 1)
print(f"\nXOR: best linear model gets {linear.score(X_xor, y_xor):.0%} right; "
      f"two-ReLU network outputs {net_out.tolist()}")
assert linear.score(X_xor, y_xor) <= 0.75
assert np.array_equal(net_out, y_xor)

# %%
# Depth: the tent map g(x) = 2 relu(x) - 4 relu(x - 1/2) is one layer of two ReLUs on [0, 1].
# Composing it L times (a network of depth L, width 2) gives a sawtooth with 2^L linear pieces.
# A one-hidden-layer ReLU network on a 1-D input has at most (units + 1) pieces, so it needs
# at least 2^L - 1 units for the same function.
def tent(v):
    return 2 * relu(v) - 4 * relu(v - 0.5)


def count_pieces(y, grid):
    slope = np.diff(y) / np.diff(grid)
    return 1 + int(np.sum(np.abs(np.diff(slope)) > 1e-6))


grid = np.linspace(0, 1, 2**12 + 1)                     # contains every kink exactly
print("\ndepth L   deep units (2L)   linear pieces   one-layer units needed")
saw = {}
y = grid
for depth in range(1, 7):
    y = tent(y)
    saw[depth] = y
    pieces = count_pieces(y, grid)
    print(f"{depth:7d}   {2 * depth:15d}   {pieces:13d}   {pieces - 1:22d}")
    assert pieces == 2**depth

# A one-layer network with 2^L units (the first one supplies the initial slope) reproduces the
# depth-6 sawtooth exactly: the interpolation construction above, with a knot at every kink.
n_units = 2**6
shallow = one_layer_interpolant(lambda v: saw[6][np.rint(v * 2**12).astype(int)], 0, 1, n_units)
assert np.allclose(shallow(grid), saw[6])
assert n_units > 5 * 2 * 6                    # 64 units against 12 for the deep version

# %%
# Figure: interpolants of increasing width, and sawtooth functions of increasing depth.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 3.6),
    num="Left, a smooth target function and its approximations by one-hidden-layer ReLU "
        "networks with 4, 8 and 16 units, the 16-unit version almost on top of the target; "
        "right, composing a two-unit tent layer one, two and three times gives sawtooth "
        "functions with 2, 4 and 8 linear pieces.")
ax1.plot(x, f(x), "k", lw=2.5, label="target")
for n, style in zip((4, 8, 16), ("C3--", "C1--", "C0-")):
    ax1.plot(x, one_layer_interpolant(f, -2, 2, n)(x), style, lw=1.2, label=f"{n} ReLUs")
ax1.set(xlabel="x", title="Wider: finer piecewise-linear fit")
ax1.legend(fontsize=8)
for depth, colour in zip((1, 2, 3), ("C3", "C1", "C0")):
    ax2.plot(grid, saw[depth], color=colour, label=f"depth {depth}")
ax2.set(xlabel="x", title="Deeper: pieces double with each layer")
ax2.set_ylim(-0.05, 1.3)
ax2.set_yticks([0, 0.5, 1])
ax2.legend(fontsize=8, loc="upper center", ncol=3)
fig.tight_layout()
plt.show()
