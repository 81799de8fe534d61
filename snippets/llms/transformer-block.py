"""The decoder block of a modern LLM (Llama style) written out in NumPy.

The program checks what RMSNorm keeps and drops compared with LayerNorm, why a SwiGLU
feed-forward network uses a hidden size of about 8/3 d, and how many parameters a block and
a whole model have: the formula, checked against the arrays of a small block, gives
Llama 2 7B's 6.74 billion parameters. A deep stack of blocks at initialisation then shows
how pre-norm and post-norm differ in the gradients they send to their top layers.
"""

# %%
# The two normalisations, per token (one row of x). LayerNorm subtracts the mean and divides
# by the standard deviation; RMSNorm only divides by the root mean square. Both then
# multiply by a learned gain; LayerNorm also adds a learned bias.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def layer_norm(x, gain, bias, eps=1e-9):
    centred = x - x.mean(axis=-1, keepdims=True)
    return gain * centred / np.sqrt((centred**2).mean(axis=-1, keepdims=True) + eps) + bias


def rms_norm(x, gain, eps=1e-9):
    return gain * x / np.sqrt((x**2).mean(axis=-1, keepdims=True) + eps)


d = 64
x = rng.normal(1.0, 2.0, size=(1000, d))            # tokens with a non-zero mean
gain, bias = rng.normal(1, 0.1, d), rng.normal(0, 0.1, d)
shift = rng.normal(size=(1000, 1)) * 3               # add the same number to every feature
checks = {
    "rescale x by 7.3": (np.abs(layer_norm(7.3 * x, gain, bias) - layer_norm(x, gain, bias)).max(),
                         np.abs(rms_norm(7.3 * x, gain) - rms_norm(x, gain)).max()),
    "shift x by a constant": (np.abs(layer_norm(x + shift, gain, bias) - layer_norm(x, gain, bias)).max(),
                              np.abs(rms_norm(x + shift, gain) - rms_norm(x, gain)).max()),
}
print("max change in the output        LayerNorm   RMSNorm")
for name, (ln_change, rms_change) in checks.items():
    print(f"{name:<30} {ln_change:10.1e} {rms_change:9.1e}")
assert max(checks["rescale x by 7.3"]) < 1e-6                  # both ignore the scale
assert checks["shift x by a constant"][0] < 1e-6               # only LayerNorm ignores a shift
assert checks["shift x by a constant"][1] > 0.1
centred = x - x.mean(axis=-1, keepdims=True)                   # on zero-mean rows they agree
assert np.allclose(rms_norm(centred, gain), layer_norm(x, gain, 0.0), atol=1e-6)
print("on zero-mean inputs RMSNorm equals LayerNorm without bias: True")

# %%
# SwiGLU feed-forward network: W_down (silu(W_gate x) * W_up x). Three matrices instead of
# two, so a hidden size of 8d/3 keeps the parameter count of a GELU FFN with hidden size 4d.
# Llama rounds 8d/3 up to a multiple of 256 (int(2 * 4d / 3), then round up).
def silu(z):
    return z / (1 + np.exp(-z))


def swiglu_ffn(x, p):
    return (silu(x @ p["W_gate"]) * (x @ p["W_up"])) @ p["W_down"]


def llama_ffn_size(d_model, multiple_of=256):
    hidden = int(2 * (4 * d_model) / 3)
    return multiple_of * -(-hidden // multiple_of)


ffn_7b = llama_ffn_size(4096)
extra = 3 * 4096 * ffn_7b / (2 * 4096 * 4 * 4096) - 1          # against a 4d GELU FFN
print(f"\nd = 4096: 8d/3 = {8 * 4096 / 3:.1f}, rounded up to a multiple of 256 = {ffn_7b}, "
      f"{extra:.1%} more FFN weights than a GELU FFN of width 4d")
assert ffn_7b == 11008                                          # Llama 2 7B's published value
assert 0.007 < extra < 0.009


# %%
# One pre-norm decoder block: x + Attn(RMSNorm(x)), then x + FFN(RMSNorm(x)). No biases, as in
# Llama. (Rotary position embeddings act inside attention and add no parameters; they are
# left out here.) The residual stream x is only ever added to.
def init_block(d_model, n_heads, d_ffn):
    def w(n_in, n_out):
        return rng.normal(0, n_in**-0.5, (n_in, n_out))

    return {"n_heads": n_heads, "W_q": w(d_model, d_model), "W_k": w(d_model, d_model),
            "W_v": w(d_model, d_model), "W_o": w(d_model, d_model),
            "W_gate": w(d_model, d_ffn), "W_up": w(d_model, d_ffn), "W_down": w(d_ffn, d_model),
            "norm_attn": np.ones(d_model), "norm_ffn": np.ones(d_model)}


def causal_attention(x, p):
    n, d_model = x.shape
    h = p["n_heads"]
    q, k, v = ((x @ p[name]).reshape(n, h, -1).transpose(1, 0, 2) for name in ("W_q", "W_k", "W_v"))
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d_model // h)
    scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return (weights @ v).transpose(1, 0, 2).reshape(n, d_model) @ p["W_o"]


def block(x, p):
    x = x + causal_attention(rms_norm(x, p["norm_attn"]), p)
    return x + swiglu_ffn(rms_norm(x, p["norm_ffn"]), p)


def block_params(d_model, d_ffn, d_kv=None):
    """Q and O (2 d^2), K and V (2 d d_kv; d_kv = d without grouped-query attention),
    gate, up and down (3 d d_ffn), two RMSNorm gains (2 d)."""
    d_kv = d_model if d_kv is None else d_kv
    return 2 * d_model**2 + 2 * d_model * d_kv + 3 * d_model * d_ffn + 2 * d_model


small = init_block(64, 4, llama_ffn_size(64, multiple_of=32))
tokens = rng.normal(size=(10, 64))
out = block(tokens, small)
changed = tokens.copy()
changed[7] += 1.0
assert out.shape == tokens.shape                                 # blocks stack
assert np.allclose(block(changed, small)[:7], out[:7])           # causal: no peeking ahead
counted = sum(v.size for v in small.values() if isinstance(v, np.ndarray))
assert counted == block_params(64, llama_ffn_size(64, multiple_of=32))
print(f"small block: {counted:,} parameters counted = formula")

# %%
# The whole model: embeddings, L blocks, a final RMSNorm and an untied output matrix.
# Llama 2 7B configuration (Touvron et al., 2023, arXiv 2307.09288): d = 4096, 32 layers,
# 32 heads, FFN 11008, vocabulary 32,000.
d_model, n_layers, vocab = 4096, 32, 32_000
per_block = block_params(d_model, ffn_7b)
total = n_layers * per_block + 2 * vocab * d_model + d_model
parts = {"attention (Q, K, V, O)": n_layers * 4 * d_model**2,
         "SwiGLU FFN": n_layers * 3 * d_model * ffn_7b,
         "embeddings + output": 2 * vocab * d_model,
         "RMSNorm gains": n_layers * 2 * d_model + d_model}
print(f"\nLlama 2 7B: {per_block:,} parameters per block, {total:,} in total")
for name, count in parts.items():
    print(f"  {name:<24} {count / 1e9:6.3f} B  {count / total:6.1%}")
assert sum(parts.values()) == total == 6_738_415_616
assert 0.63 < parts["SwiGLU FFN"] / total < 0.65 and 0.31 < parts["attention (Q, K, V, O)"] / total < 0.33
assert vocab * d_model == 131_072_000                      # one embedding matrix, untied head
# Llama 2 70B: d = 8192, 80 layers, FFN 28,672, 8 key-value heads of size 128 (d_kv = 1,024).
block_70b = block_params(8192, 28_672, d_kv=8 * 128)
total_70b = 80 * block_70b + 2 * vocab * 8192 + 8192
print(f"Llama 2 70B: {block_70b:,} parameters per block, {total_70b:,} in total")
assert block_70b == 855_654_400 and round(total_70b / 1e9, 1) == 69.0


# %%
# Pre-norm against post-norm at initialisation. A stack of L blocks whose sublayers are
# two-matrix SiLU MLPs (attention left out: the question is where the norm sits), LayerNorm in both
# arrangements, a linear read-out and a squared loss. Backpropagation by hand gives each
# layer's gradient norm, averaged over four random networks.
def ln_forward(x, eps=1e-5):
    centred = x - x.mean(axis=-1, keepdims=True)
    r = 1 / np.sqrt((centred**2).mean(axis=-1, keepdims=True) + eps)
    return centred * r, (centred * r, r)


def ln_backward(g, cache):
    xhat, r = cache
    return r * (g - g.mean(axis=-1, keepdims=True) - xhat * (g * xhat).mean(axis=-1, keepdims=True))


def mlp_forward(x, W1, W2):
    h = x @ W1
    return silu(h) @ W2, (x, h)


def mlp_backward(g, cache, W1, W2):
    x, h = cache
    s = 1 / (1 + np.exp(-h))
    g_h = (g @ W2.T) * s * (1 + h * (1 - s))
    return g_h @ W1.T, x.T @ g_h, silu(h).T @ g


def layer_gradient_norms(kind, weights, X, W_out, target):
    x, caches = X, []
    for W1, W2 in weights:
        if kind == "pre":                     # x + F(LN(x))
            u, ln_cache = ln_forward(x)
            f, mlp_cache = mlp_forward(u, W1, W2)
            x = x + f
        else:                                 # LN(x + F(x)), the original transformer
            f, mlp_cache = mlp_forward(x, W1, W2)
            x, ln_cache = ln_forward(x + f)
        caches.append((ln_cache, mlp_cache))
    if kind == "pre":
        x, final_cache = ln_forward(x)        # pre-norm needs a final norm
    g = (x @ W_out - target) / len(X) @ W_out.T
    if kind == "pre":
        g = ln_backward(g, final_cache)
    norms = []
    for (W1, W2), (ln_cache, mlp_cache) in zip(reversed(weights), reversed(caches)):
        if kind == "pre":
            g_u, g_W1, g_W2 = mlp_backward(g, mlp_cache, W1, W2)
            g = g + ln_backward(g_u, ln_cache)       # the identity path carries g unchanged
        else:
            g_s = ln_backward(g, ln_cache)           # every layer's norm sits on the path
            g_x, g_W1, g_W2 = mlp_backward(g_s, mlp_cache, W1, W2)
            g = g_s + g_x
        norms.append(np.sqrt((g_W1**2).sum() + (g_W2**2).sum()))
    return np.array(norms[::-1])


width, hidden, n_tok = 32, 128, 64
grad = {}
for depth in (6, 48):
    runs = {"pre": [], "post": []}
    for _ in range(4):
        weights = [(rng.normal(0, width**-0.5, (width, hidden)), rng.normal(0, hidden**-0.5, (hidden, width)))
                   for _ in range(depth)]
        X = rng.normal(size=(n_tok, width))
        W_out, target = rng.normal(0, width**-0.5, (width, 8)), rng.normal(size=(n_tok, 8))
        for kind in runs:
            runs[kind].append(layer_gradient_norms(kind, weights, X, W_out, target))
    for kind in runs:
        grad[kind, depth] = np.mean(runs[kind], axis=0)
print("\ngradient norm at initialisation   bottom layer   top layer")
for (kind, depth), g in grad.items():
    print(f"{kind + '-norm':<9} {depth:3d} layers {g[0]:19.2f} {g[-1]:11.2f}")
post_over_pre = grad["post", 48][-1] / grad["pre", 48][-1]
deeper = grad["pre", 48][-1] / grad["pre", 6][-1]
print(f"48 layers: post-norm top gradient / pre-norm = {post_over_pre:.1f}; "
      f"pre-norm top gradient, 48 vs 6 layers: {deeper - 1:+.0%}")
assert post_over_pre > 3                                        # post-norm: big top-layer gradients
assert 0.4 < deeper < 0.75                                      # pre-norm: they shrink with depth
assert grad["post", 48][-1] > grad["post", 6][-1]               # post-norm: they do not
if SEED == 0:
    assert 4.5 < post_over_pre < 4.9 and 0.68 < deeper < 0.72
