"""LoRA and QLoRA: parameter counts, memory, merging, low-rank recovery and the NF4 data type.

Counts the parameters of Llama 2 7B from its configuration and the trainable parameters of
LoRA at several ranks; prices full fine-tuning, LoRA and QLoRA (with and without double
quantisation) before activations; checks that B = 0 starts at the base model and that merged
weights give the same outputs as the adapter; trains a LoRA update by gradient descent and
checks it against the Eckart-Young optimum; and builds the NF4 levels and measures their
error on Gaussian weights against 16 evenly spaced levels.
"""

# %%
# Llama 2 7B (Touvron et al., 2023, arXiv 2307.09288, which keeps the 7B shape of LLaMA,
# arXiv 2302.13971, Table 2), with the sizes of the released config.json of
# meta-llama/Llama-2-7b-hf: hidden size 4096, 32 layers, feed-forward size 11008 (SwiGLU: gate,
# up and down projections), vocabulary 32,000, untied input and output embeddings, two RMSNorm
# weight vectors per layer plus a final one.
import os

import numpy as np
from scipy.stats import norm

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

d, ffn, layers, vocab = 4096, 11008, 32, 32_000
attn = {"q": (d, d), "k": (d, d), "v": (d, d), "o": (d, d)}
mlp = {"gate": (d, ffn), "up": (d, ffn), "down": (ffn, d)}
block_linear = sum(a * b for a, b in {**attn, **mlp}.values())
embeddings = 2 * vocab * d
norms = (2 * layers + 1) * d
total = layers * block_linear + embeddings + norms
print(f"Llama 2 7B: {total:,} parameters ({layers * block_linear / total:.1%} in block linear layers)")
assert total == 6_738_415_616 and round(layers * block_linear / total, 3) == 0.961
assert 16 * (d + ffn) == 241_664 and d * ffn == 45_088_768     # one MLP matrix, rank 16 vs full


def lora_params(rank, targets):
    """A is r x d_in and B is d_out x r for every adapted matrix in every layer."""
    shapes = {**attn, **mlp}
    return layers * sum(rank * (shapes[t][0] + shapes[t][1]) for t in targets)


configs = [("r = 8, query and value (as in the LoRA paper)", 8, ["q", "v"]),
           ("r = 16, all linear layers", 16, list(attn) + list(mlp)),
           ("r = 64, all linear layers", 64, list(attn) + list(mlp))]
print("\nLoRA configuration                               trainable     share")
counts = {}
for name, rank, targets in configs:
    counts[name] = lora_params(rank, targets)
    print(f"{name:<45} {counts[name]:>12,}   {counts[name] / total:7.3%}")
assert counts[configs[0][0]] == 4_194_304 and counts[configs[1][0]] == 39_976_960
assert counts[configs[1][0]] / total < 0.006

# %%
# Memory before activations, in GB (10^9 bytes). Full fine-tuning with mixed-precision Adam:
# 16 bytes per parameter (ZeRO, Rajbhandari et al.): 16-bit weights and gradients, 32-bit master
# weights and two Adam moments. LoRA: frozen 16-bit base (2 bytes) plus 16 bytes per adapter
# parameter. QLoRA (Dettmers et al., 2023): block linear weights in 4-bit NF4 with one absmax
# constant per block of 64; embeddings, output layer and norms kept in 16-bit. Double
# quantisation stores those constants in 8 bits with one 32-bit constant per 256 of them.
GB = 1e9
adapters = counts[configs[1][0]]
quantised = layers * block_linear
bits_const_single = 32 / 64
bits_const_double = 8 / 64 + 32 / (64 * 256)
memory = {
    "full fine-tuning": 16 * total,
    "LoRA, 16-bit base": 2 * total + 16 * adapters,
    "QLoRA, NF4 base": quantised * (4 + bits_const_single) / 8 + 2 * (total - quantised) + 16 * adapters,
    "QLoRA, NF4 + double quant.": quantised * (4 + bits_const_double) / 8 + 2 * (total - quantised)
    + 16 * adapters,
}
print("\nmemory before activations (rank-16 adapters on all linear layers)")
for name, b in memory.items():
    print(f"{name:<28} {b / GB:6.1f} GB")
saving = bits_const_single - bits_const_double
print(f"double quantisation: constants cost {bits_const_single:.3f} -> {bits_const_double:.3f} bits per "
      f"parameter, saving {saving * 65e9 / 8 / GB:.1f} GB on a 65B model")
assert abs(memory["full fine-tuning"] / GB - 107.8) < 0.05
assert abs(memory["LoRA, 16-bit base"] / GB - 14.1) < 0.05
naive_qlora = 0.5 * total + 16 * adapters                     # every parameter at 4 bits, no constants
print(f"(every parameter at 0.5 bytes, no constants: {naive_qlora / GB:.1f} GB)")
assert abs(memory["QLoRA, NF4 base"] / GB - 4.8) < 0.05
assert abs(memory["QLoRA, NF4 + double quant."] / GB - 4.5) < 0.05 and abs(naive_qlora / GB - 4.0) < 0.05
# What the 4.5 GB counts: NF4 codes plus double-quantised constants of the block linear layers,
# the 16-bit embeddings, output layer and norms, and the adapters with their gradients and
# Adam states (16 bytes each). The rough count (every parameter at 0.5 bytes) misses 0.5 GB.
parts = {"NF4 linear weights + constants": quantised * (4 + bits_const_double) / 8,
         "16-bit embeddings, head, norms": 2 * (total - quantised),
         "adapters, grads, Adam (16 B)": 16 * adapters}
for name, b in parts.items():
    print(f"  {name:<32} {b / GB:5.2f} GB")
print(f"  {'frozen base alone':<32} {(parts['NF4 linear weights + constants'] + parts['16-bit embeddings, head, norms']) / GB:5.2f} GB"
      f"   (rough: every parameter at 0.5 bytes, {0.5 * total / GB:.2f} GB)")
assert [round(b / GB, 2) for b in parts.values()] == [3.34, 0.52, 0.64]
assert round((parts["NF4 linear weights + constants"] + parts["16-bit embeddings, head, norms"]) / GB, 2) == 3.87
assert round(0.5 * total / GB, 2) == 3.37 and round((memory["QLoRA, NF4 + double quant."] - naive_qlora) / GB, 1) == 0.5
assert round(4 + bits_const_double, 3) == 4.127 and abs(saving - 0.373) < 0.001 and abs(saving * 65e9 / 8 / GB - 3.0) < 0.1

# %%
# Initialisation and merging on one layer. A is random and B = 0, so the adapted layer starts
# exactly at the base layer. After training (here: random A and B), merging W = W0 + (alpha/r) B A
# gives the same outputs as running the adapter beside the frozen weight, up to float rounding.
d_out, d_in, r, alpha = 256, 512, 8, 16
W0 = rng.normal(0, d_in ** -0.5, (d_out, d_in))
A = rng.normal(0, d_in ** -0.5, (r, d_in))
B = np.zeros((d_out, r))
X = rng.normal(0, 1, (d_in, 1_000))
scale = alpha / r


def adapted(X, W0, A, B):
    return W0 @ X + scale * (B @ (A @ X))


assert np.array_equal(adapted(X, W0, A, B), W0 @ X)         # B = 0: the base model, exactly
B = rng.normal(0, 0.05, (d_out, r))                         # stand-in for trained adapters
merged = W0 + scale * B @ A
gap = np.abs(merged @ X - adapted(X, W0, A, B)).max() / np.abs(W0 @ X).max()
print(f"\nmerged vs adapter outputs: largest relative difference {gap:.1e} (float64)")
assert gap < 1e-13
merged16 = merged.astype(np.float16)
gap16 = np.abs(merged16.astype(np.float64) @ X - adapted(X, W0, A, B)).max() / np.abs(W0 @ X).max()
print(f"merged and stored in float16: largest relative difference {gap16:.1e}")
assert gap16 < 1e-3

# %%
# Low rank in practice. The target change Delta is a 64 x 64 matrix of rank 4 plus small noise.
# LoRA trained by gradient descent (A random, B = 0) on 0.5 ||(alpha/r) B A - Delta||^2 reaches
# the best possible rank-r error, the Eckart-Young bound from the truncated SVD, and at r >= 4
# it recovers the change.
n = 64
Delta = rng.normal(0, 1, (n, 4)) @ rng.normal(0, 1, (4, n)) / np.sqrt(n) + 0.01 * rng.normal(0, 1, (n, n))
sv = np.linalg.svd(Delta, compute_uv=False)
print("\nrank   LoRA relative error   best rank-r error (SVD)")
for rank in (1, 2, 4, 8):
    A_ = rng.normal(0, n ** -0.5, (rank, n))
    B_ = np.zeros((n, rank))
    s_ = 2.0 / rank                                          # alpha / r with alpha = 2
    lr = 0.3 / (s_ * sv[0])                                  # stable step for this scale
    for _ in range(4_000):
        R = s_ * B_ @ A_ - Delta
        B_, A_ = B_ - lr * s_ * R @ A_.T, A_ - lr * s_ * B_.T @ R
    err = np.linalg.norm(s_ * B_ @ A_ - Delta) / np.linalg.norm(Delta)
    best = np.sqrt((sv[rank:] ** 2).sum()) / np.linalg.norm(Delta)
    print(f"{rank:4d}   {err:19.4f}   {best:23.4f}")
    assert abs(err - best) < 1e-3
    if rank >= 4:
        assert err < 0.05

# %%
# NF4. QLoRA's 4-bit NormalFloat has 16 levels at quantiles of a standard normal, 8 on the
# positive side and 7 on the negative side plus an exact zero, scaled to [-1, 1]. The
# outermost quantile, 0.9677, is the mean of 1 - 1/(2*15) and 1 - 1/(2*16) (QLoRA appendix).
offset = 0.5 * ((1 - 1 / 30) + (1 - 1 / 32))
positive = norm.ppf(np.linspace(offset, 0.5, 9)[:-1])
negative = -norm.ppf(np.linspace(offset, 0.5, 8)[:-1])
nf4 = np.sort(np.r_[positive, 0.0, negative])
nf4 /= nf4.max()
even = np.linspace(-1, 1, 16)                                # 16 evenly spaced levels
print(f"\nNF4 levels: {' '.join(f'{v:+.3f}' for v in nf4)}")
assert nf4.size == 16 and nf4[0] == -1 and nf4[-1] == 1 and 0.0 in nf4
# The NF4 table as published with QLoRA (Dettmers et al., 2023, appendix; also in bitsandbytes).
published = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
             -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
             0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
             0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0]
assert np.abs(nf4 - published).max() < 1e-6


def quantise(w, levels, block=64):
    """Blockwise absmax scaling, nearest level, dequantised back to floats."""
    blocks = w.reshape(-1, block)
    absmax = np.abs(blocks).max(axis=1, keepdims=True)
    idx = np.abs((blocks / absmax)[..., None] - levels).argmin(axis=-1)
    return (levels[idx] * absmax).reshape(w.shape)


w = rng.normal(0, 0.02, 2 ** 18)
mse = {name: np.mean((quantise(w, lv) - w) ** 2) for name, lv in (("NF4", nf4), ("even", even))}
print(f"mean squared error on Gaussian weights: NF4 {mse['NF4']:.3e}, evenly spaced {mse['even']:.3e} "
      f"({mse['even'] / mse['NF4']:.2f} times larger)")
assert 0.82 < mse["NF4"] / mse["even"] < 0.86            # about 16 % lower error

# What 4-bit storage does to a layer: the relative change in its outputs when W0 is replaced by
# its NF4 version. A QLoRA adapter is trained on top of these dequantised weights, so it should
# stay with them (or be merged into them), not be merged into the original 16-bit weights.
W0q = quantise(W0.ravel(), nf4).reshape(W0.shape)
quant_err = np.linalg.norm(W0q @ X - W0 @ X) / np.linalg.norm(W0 @ X)
print(f"NF4 storage changes the layer's outputs by {quant_err:.1%} (relative root mean square)")
assert 0.08 < quant_err < 0.10
