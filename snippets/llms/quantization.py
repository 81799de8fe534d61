"""Weight quantisation of an LLM layer: granularity, outliers, and calibration-aware methods.

A synthetic linear layer (256 outputs, 1,024 inputs) is quantised to INT8 and INT4 with one scale
per tensor, per output channel or per group of 128 inputs, with and without a few outlier weight
columns. Correlated synthetic activations with a few very large feature channels then serve as
calibration data: a GPTQ-style column-by-column quantiser with error compensation and an
AWQ-style activation-aware scaling both lower the layer's output error against round-to-nearest,
on held-out inputs. Last, 8-bit activations: outlier features ruin plain W8A8, and LLM.int8()'s
mixed-precision decomposition or SmoothQuant's rescaling repair it.
"""

# %%
# Data. Weights: Gaussian rows with different scales (output channels differ in range), and a
# copy with four outlier input columns ten times larger. Activations: correlated features (a
# 48-dimensional latent plus noise), per-channel scales, and six outlier channels twenty times
# larger, as in the emergent outlier features of large transformers.
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

D_OUT, D_IN, GROUP, N = 256, 1_024, 128, 2_048
W = rng.normal(0, 0.02, (D_OUT, D_IN)) * np.exp(rng.normal(0, 0.5, D_OUT))[:, None]
outlier_cols = rng.choice(D_IN, 4, replace=False)
W_outl = W.copy()
W_outl[:, outlier_cols] *= 10
ordinary = np.setdiff1d(np.arange(D_IN), outlier_cols)

channel_scale = 0.5 * np.exp(rng.normal(0, 0.4, D_IN))
outlier_feats = rng.choice(D_IN, 6, replace=False)
channel_scale[outlier_feats] *= 20
mix = rng.normal(0, 1, (48, D_IN)) / np.sqrt(48)


def activations(n):
    return (rng.normal(0, 1, (n, 48)) @ mix + 0.3 * rng.normal(0, 1, (n, D_IN))) * channel_scale


X_cal, X_test = activations(N), activations(N)


def quantize(M, bits, granularity, zero_point=False):
    """Round-to-nearest fake quantisation (quantise, then dequantise back to float).

    granularity: "tensor" (one scale), "channel" (one per output row) or "group" (one per row
    and block of GROUP consecutive inputs). Absmax is symmetric around 0; zero-point maps
    [min, max] onto the full unsigned range.
    """
    shape = {"tensor": (1, 1, -1), "channel": (M.shape[0], 1, -1),
             "group": (M.shape[0], -1, GROUP)}[granularity]
    B = M.reshape(shape)
    if zero_point:
        lo, hi = B.min(-1, keepdims=True), B.max(-1, keepdims=True)
        scale = (hi - lo) / (2 ** bits - 1)
        zero = np.round(-lo / scale)
        Q = (np.clip(np.round(B / scale) + zero, 0, 2 ** bits - 1) - zero) * scale
    else:
        qmax = 2 ** (bits - 1) - 1
        scale = np.abs(B).max(-1, keepdims=True) / qmax
        Q = np.clip(np.round(B / scale), -qmax, qmax) * scale
    return Q.reshape(M.shape)


def rel_err(approx, exact):
    return np.linalg.norm(approx - exact) / np.linalg.norm(exact)


# %%
# Granularity and outliers. Errors are relative Frobenius errors on the ordinary (non-outlier)
# weights, the ones an outlier hurts by inflating the scale they share with it.
print("relative error on ordinary weights   per-tensor  per-channel  group-128")
err = {}
for name, M in [("no outliers", W), ("4 outlier columns", W_outl)]:
    for bits in (8, 4):
        err[name, bits] = [rel_err(quantize(M, bits, g)[:, ordinary], M[:, ordinary])
                           for g in ("tensor", "channel", "group")]
        print(f"  INT{bits}, {name:<18} {err[name, bits][0]:12.4f} {err[name, bits][1]:12.4f}"
              f" {err[name, bits][2]:10.4f}")
zeroed = np.mean(quantize(W_outl, 4, "tensor")[:, ordinary] == 0)
print(f"  per-tensor INT4 with outliers rounds {zeroed:.1%} of the ordinary weights to zero")
assert all(15 < e4 / e8 < 21 for e8, e4 in zip(err["no outliers", 8], err["no outliers", 4]))  # 127/7
assert err["4 outlier columns", 4][0] > 0.9 and zeroed > 0.95
assert all(err["no outliers", b][1] < 0.5 * err["no outliers", b][0] for b in (8, 4))  # per-channel helps...
assert 4 < err["4 outlier columns", 4][1] / err["no outliers", 4][1] < 5  # ...until outliers hit every row
assert 0.35 < err["4 outlier columns", 4][2] / err["4 outlier columns", 4][1] < 0.6  # groups confine them

# %%
# Absmax or zero-point. On zero-centred weights a zero-point gains a little (the group's range
# is [min, max] instead of [-max|w|, max|w|]); on one-sided data such as post-ReLU activations,
# absmax wastes the negative half of the levels and a zero-point roughly halves the error.
relu = np.maximum(rng.normal(0, 1, (256, D_IN)), 0)
gain_w = rel_err(quantize(W, 4, "group"), W) / rel_err(quantize(W, 4, "group", True), W)
gain_relu = (rel_err(quantize(relu, 4, "channel"), relu)
             / rel_err(quantize(relu, 4, "channel", True), relu))
print(f"\nINT4 error, absmax / zero-point: Gaussian weights {gain_w:.2f}, post-ReLU values {gain_relu:.2f}")
assert 1.1 < gain_w < 1.25 and 1.8 < gain_relu < 2.5


# %%
# Calibration-aware INT4 (group 128). Round-to-nearest (RTN) rounds each weight independently.
# GPTQ quantises one input column at a time and spreads that column's rounding error over the
# columns not yet quantised, using the inverse Hessian H = X^T X of the layer's squared output
# error (the update of Frantar et al., 2022, via a Cholesky factor of H^-1).
def gptq(M, X, bits=4, damp=0.01):
    H = X.T @ X / len(X)
    H += damp * np.mean(np.diag(H)) * np.eye(len(H))
    U = np.linalg.cholesky(np.linalg.inv(H)).T     # upper factor: H^-1 = U^T U
    M, Q, qmax = M.copy(), np.zeros_like(M), 2 ** (bits - 1) - 1
    for i in range(M.shape[1]):
        if i % GROUP == 0:                          # group scale from the updated weights
            scale = np.abs(M[:, i:i + GROUP]).max(axis=1) / qmax
        Q[:, i] = np.clip(np.round(M[:, i] / scale), -qmax, qmax) * scale
        e = (M[:, i] - Q[:, i]) / U[i, i]
        M[:, i + 1:] -= np.outer(e, U[i, i + 1:])   # compensate in the remaining columns
    return Q


# AWQ: scale input channel j of the weights by s_j = mean|x_j|^alpha before quantising (and the
# activations by 1/s_j, folded into the previous layer), so the weights that meet large
# activations get finer steps. alpha is chosen on the calibration set by a grid search.
def awq(M, X, bits=4):
    mean_abs = np.abs(X).mean(axis=0)
    best = None
    for alpha in np.linspace(0, 1, 11):
        s = mean_abs ** alpha
        s /= np.sqrt(s.max() * s.min())
        Q = quantize(M * s, bits, "group") / s
        e = rel_err(X @ Q.T, X @ M.T)
        if best is None or e < best[0]:
            best = (e, alpha, Q)
    return best[2], best[1]


Y_cal, Y_test = X_cal @ W.T, X_test @ W.T
rtn = quantize(W, 4, "group")
gq = gptq(W, X_cal)
aw, alpha = awq(W, X_cal)
print("\nINT4 group-128        weight error   output error (calibration)   output error (held out)")
res = {}
for name, Q in [("round-to-nearest", rtn), ("GPTQ-style", gq), (f"AWQ-style (alpha {alpha:.1f})", aw)]:
    res[name.split()[0]] = (rel_err(Q, W), rel_err(X_cal @ Q.T, Y_cal), rel_err(X_test @ Q.T, Y_test))
    print(f"  {name:<22} {res[name.split()[0]][0]:10.3f} {res[name.split()[0]][1]:20.3f}"
          f" {res[name.split()[0]][2]:26.3f}")
assert res["GPTQ-style"][2] < 0.6 * res["round-to-nearest"][2]      # held-out output error
assert 0.6 < res["AWQ-style"][2] / res["round-to-nearest"][2] < 0.8
assert res["GPTQ-style"][0] > 1.2 * res["round-to-nearest"][0]      # yet larger weight error
assert 0 < alpha < 1

# GPTQ needs correlated inputs: with independent features H is diagonal in expectation, so there
# is nothing real to compensate, and GPTQ fits the sampling noise of the calibration set: its
# calibration error falls below RTN's while its held-out error rises above it.
X_ind_cal, X_ind_test = (rng.normal(0, 1, (N, D_IN)) * channel_scale for _ in range(2))
gq_ind = gptq(W, X_ind_cal)
ratio_ind = rel_err(X_ind_test @ gq_ind.T, X_ind_test @ W.T) / rel_err(X_ind_test @ rtn.T, X_ind_test @ W.T)
ratio_ind_cal = rel_err(X_ind_cal @ gq_ind.T, X_ind_cal @ W.T) / rel_err(X_ind_cal @ rtn.T, X_ind_cal @ W.T)
print(f"  independent features: GPTQ / RTN output error {ratio_ind_cal:.2f} (calibration), "
      f"{ratio_ind:.2f} (held out)")
assert ratio_ind_cal < 0.95 and ratio_ind > 1.05

# %%
# 8-bit activations too (W8A8): one scale per token for X, per output channel for W. The
# outlier features inflate every token's scale, so ordinary features lose their precision.
def w8a8(X, M):
    return quantize(X, 8, "channel") @ quantize(M, 8, "channel").T


base = rel_err(w8a8(X_test, W), Y_test)
# LLM.int8(): feature dimensions whose calibration magnitude exceeds 6 go through a 16-bit
# product (here: exact), everything else through the int8 product.
big = np.abs(X_cal).max(axis=0) > 6.0
int8_path = w8a8(X_test[:, ~big], W[:, ~big])
mixed = rel_err(int8_path + X_test[:, big] @ W[:, big].T, Y_test)
# SmoothQuant: divide each activation channel by s_j = max|X_j|^0.5 / max|W_j|^0.5 and multiply
# the weight column by it: the product is unchanged, the activation outliers are flattened.
s = np.sqrt(np.abs(X_cal).max(axis=0) / np.abs(W).max(axis=0))
smooth = rel_err(w8a8(X_test / s, W * s), Y_test)
print(f"\nW8A8 output error: plain {base:.4f}, LLM.int8() decomposition {mixed:.4f} "
      f"({big.sum()} of {D_IN} features, {1 - big.mean():.1%} of values in int8), SmoothQuant {smooth:.4f}")
assert set(np.flatnonzero(big)) >= set(outlier_feats) and 1 - big.mean() > 0.98
assert mixed < 0.25 * base and 0.25 < smooth / base < 0.4

# %%
# What it buys: bits per weight including the 16-bit scale (and zero point) of each group of
# 128, and the weight memory of a 70-billion-parameter model. Decoding at batch 1 reads every
# weight once per token, so bytes read (and ideal decode time) shrink in proportion.
# NF4 as in QLoRA (Dettmers et al., 2023): one 32-bit absmax per 64 weights, or, with double
# quantisation, 8-bit absmax values with one 32-bit constant per 256 of them.
nf4_dq = 4 + 8 / 64 + 32 / (64 * 256)
print("\nformat                        bits/weight   70B weights")
for name, b in [("FP16", 16), ("INT8 per-channel", 8), ("INT4 group-128 absmax", 4 + 16 / 128),
                ("INT4 group-128 zero-point", 4 + 32 / 128), ("NF4 block-64, double quant.", nf4_dq)]:
    print(f"  {name:<27} {b:11.3f} {70e9 * b / 8 / 1e9:10.1f} GB")
print(f"bytes read per decoded token at batch 1, FP16 / INT4 group-128: {16 / (4 + 16 / 128):.2f}x")
assert round(70e9 * (4 + 16 / 128) / 8 / 1e9) == 36                # the page quotes ~36 GB
assert round(16 / (4 + 16 / 128), 1) == 3.9 and round(nf4_dq, 3) == 4.127
