"""Drill: a 2-D convolution layer's forward pass, with loops and with im2col plus one matrix product.

A deep-learning "convolution" is a cross-correlation: the kernel slides over the zero-padded input
without being flipped, with a stride, summing over input channels. The tests compare both
implementations with SciPy's correlate2d summed over channels (mode "valid", "same" or "full" as
the padding implies, explicit zero padding otherwise), check the loops against im2col, the output
size formula against a count of window positions, and the edge cases: 1x1 kernels, a kernel as
large as the input, pixels a stride skips, and a kernel that does not fit.
"""

# %%
# Imports; SciPy's correlate2d is the independent reference, used only by the tests.
import os

import numpy as np
from scipy.signal import convolve2d, correlate2d

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: the output size, the direct loops, the im2col matrix and the matrix-product version.
# --8<-- [start:solution]
def conv_output_size(n: int, k: int, stride: int = 1, padding: int = 0) -> int:
    """Number of kernel positions along one axis: floor((n + 2 * padding - k) / stride) + 1.

    Raises ValueError if the kernel does not fit in the padded input (n + 2 * padding < k).
    """
    if n + 2 * padding < k:
        raise ValueError(f"kernel of size {k} does not fit in {n} + 2 * {padding}")
    return (n + 2 * padding - k) // stride + 1


def conv2d_loops(x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None,
                 stride: int = 1, padding: int = 0) -> np.ndarray:
    """Direct 2-D cross-correlation with loops over images, output channels and positions.

    x: (N, C_in, H, W); w: (C_out, C_in, kh, kw); b: (C_out,) or None.
    out[n, o, i, j] = b[o] + sum over c, di, dj of
        x_padded[n, c, i * stride + di, j * stride + dj] * w[o, c, di, dj],
    with x zero-padded by `padding` on every side. Returns (N, C_out, H_out, W_out).
    """
    n_img, c_in, h, wd = x.shape
    c_out, c_w, kh, kw = w.shape
    if c_w != c_in:
        raise ValueError(f"x has {c_in} channels, w expects {c_w}")
    h_out, w_out = conv_output_size(h, kh, stride, padding), conv_output_size(wd, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n_img, c_out, h_out, w_out))
    for n in range(n_img):
        for o in range(c_out):
            for i in range(h_out):
                for j in range(w_out):
                    patch = xp[n, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    out[n, o, i, j] = np.sum(patch * w[o])
    if b is not None:
        out += b[None, :, None, None]
    return out


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Every receptive field of x as a row: shape (N * H_out * W_out, C * kh * kw).

    Rows are ordered by (image, output row, output column); columns by (channel, kernel row,
    kernel column), the order of w.reshape(C_out, -1), so the convolution is one matrix product.
    """
    n_img, c, h, wd = x.shape
    h_out, w_out = conv_output_size(h, kh, stride, padding), conv_output_size(wd, kw, stride, padding)
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    cols = np.empty((n_img, c, kh, kw, h_out, w_out), dtype=xp.dtype)
    for di in range(kh):            # kh * kw strided copies instead of H_out * W_out small ones
        for dj in range(kw):
            cols[:, :, di, dj] = xp[:, :, di:di + stride * h_out:stride, dj:dj + stride * w_out:stride]
    return cols.transpose(0, 4, 5, 1, 2, 3).reshape(n_img * h_out * w_out, c * kh * kw)


def conv2d_im2col(x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None,
                  stride: int = 1, padding: int = 0) -> np.ndarray:
    """The same convolution as conv2d_loops, as im2col(x) @ w.reshape(C_out, -1).T."""
    n_img, c_in, h, wd = x.shape
    c_out, c_w, kh, kw = w.shape
    if c_w != c_in:
        raise ValueError(f"x has {c_in} channels, w expects {c_w}")
    h_out, w_out = conv_output_size(h, kh, stride, padding), conv_output_size(wd, kw, stride, padding)
    out = im2col(x, kh, kw, stride, padding) @ w.reshape(c_out, -1).T   # (N * H_out * W_out, C_out)
    if b is not None:
        out = out + b
    return out.reshape(n_img, h_out, w_out, c_out).transpose(0, 3, 1, 2)
# --8<-- [end:solution]


# %%
# The tests. The reference sums SciPy's 2-D cross-correlation over input channels and then keeps
# every stride-th position; it shares no code with the solution.
# --8<-- [start:tests]
def reference_conv2d(x, w, b, stride, padding):
    """SciPy reference: mode 'valid' (p = 0), 'full' (p = k - 1), 'same' (odd k, p = (k - 1) / 2),
    otherwise explicit zero padding then 'valid'; stride by subsampling the stride-1 result."""
    kh, kw = w.shape[2:]
    if padding == 0:
        mode, pad = "valid", 0
    elif padding == kh - 1 == kw - 1:
        mode, pad = "full", 0
    elif kh % 2 == 1 and padding == (kh - 1) // 2 == (kw - 1) // 2:
        mode, pad = "same", 0
    else:
        mode, pad = "valid", padding
    out = []
    for image in x:
        image = np.pad(image, ((0, 0), (pad, pad), (pad, pad)))
        maps = [sum(correlate2d(image[c], kernel[c], mode=mode) for c in range(x.shape[1])) for kernel in w]
        out.append(np.stack(maps)[:, ::stride, ::stride])
    out = np.stack(out)
    return out if b is None else out + b[None, :, None, None]


# (N, C_in, C_out, H, W, kh, kw, stride, padding): every SciPy mode, strides 1 to 3, non-square.
CONFIGS = [
    (2, 3, 4, 7, 7, 3, 3, 1, 0),   # valid
    (1, 2, 3, 6, 8, 3, 3, 1, 1),   # same
    (2, 1, 2, 5, 5, 3, 3, 1, 2),   # full
    (1, 3, 2, 9, 7, 3, 2, 2, 1),   # explicit padding, non-square kernel
    (2, 2, 3, 8, 8, 5, 5, 3, 2),   # same padding with stride 3
    (1, 4, 1, 6, 5, 1, 1, 2, 0),   # 1x1 kernel, stride 2
]


def test_worked_example():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.ones((1, 1, 2, 2))
    out = conv2d_im2col(x, w, stride=2)
    print("2x2 sums with stride 2:", out[0, 0].tolist())
    np.testing.assert_array_equal(out[0, 0], [[10.0, 18.0], [42.0, 50.0]])
    np.testing.assert_array_equal(conv2d_loops(x, w, stride=2), out)


def test_matches_scipy_correlate2d_on_random_inputs():
    worst = 0.0
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, c_in, c_out, h, wd, kh, kw, stride, padding in CONFIGS:
            x = rng.normal(size=(n, c_in, h, wd))
            w = rng.normal(size=(c_out, c_in, kh, kw))
            b = rng.normal(size=c_out)
            ref = reference_conv2d(x, w, b, stride, padding)
            for conv in (conv2d_loops, conv2d_im2col):
                out = conv(x, w, b, stride=stride, padding=padding)
                assert out.shape == ref.shape, (conv.__name__, out.shape, ref.shape)
                np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-12)
                worst = max(worst, np.abs(out - ref).max())
    assert worst < 1e-12
    print(f"loops and im2col equal to SciPy to 1e-12 on {5 * len(CONFIGS)} random cases")
    # A true convolution flips the kernel: convolve2d with the flipped kernel is the same layer.
    x, w = rng.normal(size=(1, 1, 6, 7)), rng.normal(size=(1, 1, 3, 2))
    np.testing.assert_allclose(conv2d_im2col(x, w)[0, 0], convolve2d(x[0, 0], w[0, 0, ::-1, ::-1], mode="valid"),
                               rtol=1e-12, atol=1e-12)
    assert not np.allclose(conv2d_im2col(x, w)[0, 0], convolve2d(x[0, 0], w[0, 0], mode="valid"))


def test_output_size_matches_a_count_of_window_positions():
    checked = 0
    for n in range(1, 12):
        for k in range(1, 6):
            for stride in range(1, 5):
                for padding in range(0, 4):
                    if n + 2 * padding < k:
                        try:
                            conv_output_size(n, k, stride, padding)
                        except ValueError:
                            continue
                        raise AssertionError(f"kernel {k} on {n} + 2 * {padding} should not fit")
                    starts = range(0, n + 2 * padding - k + 1, stride)   # top-left corners that fit
                    assert conv_output_size(n, k, stride, padding) == len(starts)
                    checked += 1
    # The slice trap from the page: 0:7:2 has 4 elements, but a 3-wide window fits only 3 times.
    assert len(range(0, 5 + 2 * 1, 2)) == conv_output_size(5, 3, stride=2, padding=1) + 1
    x = np.zeros((1, 1, 9, 6))
    assert conv2d_im2col(x, np.zeros((2, 1, 4, 3)), stride=2, padding=1).shape == (1, 2, 4, 3)
    assert checked == 828
    print(f"output size formula equal to the count of window positions in {checked} cases")


def test_edge_cases():
    rng = np.random.default_rng(SEED + 100)
    x = rng.normal(size=(2, 3, 5, 6))
    # A 1x1 kernel mixes channels pixel by pixel.
    w1 = rng.normal(size=(4, 3, 1, 1))
    np.testing.assert_allclose(conv2d_im2col(x, w1), np.einsum("nchw,oc->nohw", x, w1[:, :, 0, 0]), rtol=1e-12)
    # A kernel as large as the input gives one number per image and output channel: a dot product.
    w_full = rng.normal(size=(2, 3, 5, 6))
    out = conv2d_loops(x, w_full)
    assert out.shape == (2, 2, 1, 1)
    np.testing.assert_allclose(out[:, :, 0, 0], np.tensordot(x, w_full, axes=([1, 2, 3], [1, 2, 3])), rtol=1e-12)
    # Stride 3 with a 2x2 kernel never reads rows and columns 2, 5, ...: changing them changes nothing.
    w2 = rng.normal(size=(1, 3, 2, 2))
    changed = x.copy()
    changed[:, :, 2, :] = 99.0
    changed[:, :, :, 2] = 99.0
    np.testing.assert_array_equal(conv2d_im2col(changed, w2, stride=3), conv2d_im2col(x, w2, stride=3))
    assert not np.allclose(conv2d_im2col(changed, w2, stride=1), conv2d_im2col(x, w2, stride=1))
    # A kernel larger than the unpadded input is an error; with enough padding it fits.
    for conv in (conv2d_loops, conv2d_im2col):
        try:
            conv(x, rng.normal(size=(1, 3, 6, 6)))
        except ValueError:
            pass
        else:
            raise AssertionError(f"{conv.__name__}: a 6x6 kernel does not fit a 5x6 input")
    assert conv2d_loops(x, rng.normal(size=(1, 3, 6, 6)), padding=1).shape == (2, 1, 2, 3)


def test_im2col_rows_are_patches_and_cost_memory():
    rng = np.random.default_rng(SEED + 200)
    x = rng.normal(size=(2, 4, 16, 16))
    cols = im2col(x, 3, 3, stride=1, padding=1)
    assert cols.shape == (2 * 16 * 16, 4 * 9)
    # Row for image 1, output pixel (5, 7): the padded patch starting at (5, 7), channel-major.
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    np.testing.assert_array_equal(cols[1 * 256 + 5 * 16 + 7], xp[1, :, 5:8, 7:10].ravel())
    blow_up = cols.size / x.size
    print(f"3x3 kernel, stride 1, padding 1: im2col holds {blow_up:.0f} times as many numbers as the input")
    assert blow_up == 9
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
