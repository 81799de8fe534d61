"""What a KV cache stores, why decoding with it is exact, and what it costs in memory.

A tiny decoder-only transformer in NumPy (float64, pre-norm RMSNorm, rotary position embeddings,
grouped-query attention) generates the same continuation twice: once recomputing the whole
prefix at every step, once feeding a single token per step against a cache of past keys and
values. The logits agree to rounding error, the cached run does far fewer FLOPs, and the cache
size matches 2 x layers x kv_heads x head_dim x bytes x tokens. The same formula then gives the
cache of published Llama configurations at real context lengths.
"""

# %%
# A tiny causal transformer. Every matrix product goes through `matmul`, which counts FLOPs
# (2 per multiply-add) so that the cost of cached and uncached decoding can be compared.
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

VOCAB, D, N_LAYERS, N_HEADS, N_KV_HEADS = 64, 64, 3, 4, 2
HEAD_DIM, D_FF = D // N_HEADS, 4 * D
FLOPS = [0]


def matmul(a, b):
    out = a @ b
    FLOPS[0] += 2 * out.size * a.shape[-1]
    return out


def init(*shape):
    return rng.normal(0, 1 / np.sqrt(shape[0]), shape)


params = {
    "emb": rng.normal(0, 1, (VOCAB, D)),
    "out": init(D, VOCAB),
    "layers": [dict(wq=init(D, N_HEADS * HEAD_DIM), wk=init(D, N_KV_HEADS * HEAD_DIM),
                    wv=init(D, N_KV_HEADS * HEAD_DIM), wo=init(N_HEADS * HEAD_DIM, D),
                    w1=init(D, D_FF), w2=init(D_FF, D)) for _ in range(N_LAYERS)],
}


def rms_norm(x):
    return x / np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + 1e-6)


def rope(x, positions):
    """Rotate pairs of features by position-dependent angles (x: heads, tokens, head_dim)."""
    half = HEAD_DIM // 2
    angles = positions[:, None] * 10_000.0 ** (-np.arange(half) / half)
    cos, sin = np.cos(angles), np.sin(angles)
    x1, x2 = x[..., :half], x[..., half:]
    return np.concatenate([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)


def forward(tokens, cache=None, start=0):
    """Logits for `tokens` placed at positions start, start+1, ...

    With a cache (a list of per-layer [K, V] lists), the new keys and values are appended to it
    and attention also reads every earlier position from it; without one, only `tokens` exist.
    """
    x = params["emb"][tokens]
    T = len(tokens)
    pos = np.arange(start, start + T)
    for i, p in enumerate(params["layers"]):
        h = rms_norm(x)
        q = matmul(h, p["wq"]).reshape(T, N_HEADS, HEAD_DIM).transpose(1, 0, 2)
        k = matmul(h, p["wk"]).reshape(T, N_KV_HEADS, HEAD_DIM).transpose(1, 0, 2)
        v = matmul(h, p["wv"]).reshape(T, N_KV_HEADS, HEAD_DIM).transpose(1, 0, 2)
        q, k = rope(q, pos), rope(k, pos)               # keys are cached after rotation
        if cache is not None:
            if len(cache) <= i:
                cache.append([k, v])
            else:
                cache[i] = [np.concatenate([cache[i][0], k], axis=1),
                            np.concatenate([cache[i][1], v], axis=1)]
            k, v = cache[i]
        group = N_HEADS // N_KV_HEADS                   # query heads sharing one KV head
        k, v = np.repeat(k, group, axis=0), np.repeat(v, group, axis=0)
        scores = matmul(q, k.transpose(0, 2, 1)) / np.sqrt(HEAD_DIM)
        key_pos = np.arange(k.shape[1]) + (pos[0] + T - k.shape[1])
        scores = np.where(key_pos[None, None, :] <= pos[None, :, None], scores, -np.inf)
        w = np.exp(scores - scores.max(axis=-1, keepdims=True))
        w /= w.sum(axis=-1, keepdims=True)
        attn = matmul(w, v).transpose(1, 0, 2).reshape(T, N_HEADS * HEAD_DIM)
        x = x + matmul(attn, p["wo"])
        x = x + matmul(np.maximum(matmul(rms_norm(x), p["w1"]), 0), p["w2"])
    return matmul(rms_norm(x), params["out"])


# %%
# Greedy generation, twice. Uncached: every step runs the model on the whole sequence so far
# and keeps the last row. Cached: one prefill pass over the prompt, then one token per step.
PROMPT, NEW = 16, 48
prompt = list(rng.integers(0, VOCAB, PROMPT))

FLOPS[0] = 0
seq, logits_full = list(prompt), []
for _ in range(NEW):
    last = forward(np.array(seq))[-1]
    logits_full.append(last)
    seq.append(int(np.argmax(last)))
flops_uncached = FLOPS[0]

FLOPS[0] = 0
cache = []
last = forward(np.array(prompt), cache, start=0)[-1]          # prefill
seq_c, logits_cached = list(prompt), []
for step in range(NEW):
    logits_cached.append(last)
    seq_c.append(int(np.argmax(last)))
    if step < NEW - 1:                                          # decode step: one new token
        last = forward(np.array([seq_c[-1]]), cache, start=len(seq_c) - 1)[-1]
flops_cached = FLOPS[0]

max_diff = np.abs(np.array(logits_full) - np.array(logits_cached)).max()
print(f"{NEW} greedy tokens after a {PROMPT}-token prompt (float64)")
print(f"  same tokens: {seq == seq_c}   max |logit difference|: {max_diff:.1e}")
assert seq == seq_c and max_diff < 1e-12

# %%
# A classic bug: feeding the new token at position 0 instead of its true position. The cache is
# fine, but the rotary angles of the new query and key are wrong, and the logits are too.
cache_bad = []
forward(np.array(prompt), cache_bad, start=0)
bad = forward(np.array([seq[PROMPT]]), cache_bad, start=0)[-1]
bad_diff = np.abs(bad - logits_full[1]).max()
print(f"  new token given position 0 instead of {PROMPT}: max |logit difference| {bad_diff:.2f}")
assert bad_diff > 0.1

# %%
# What the cache holds: per layer, the keys and values of every token so far, for the KV heads
# only (query heads are never cached). Its size matches the formula.
cache_bytes = sum(k.nbytes + v.nbytes for k, v in cache)
tokens_cached = cache[0][0].shape[1]
formula = 2 * N_LAYERS * N_KV_HEADS * HEAD_DIM * 8 * tokens_cached   # 8 bytes in float64
print(f"\ncache after {tokens_cached} tokens: {cache_bytes:,} bytes; formula gives {formula:,}")
assert cache_bytes == formula


# %%
# FLOPs. Per new token at context length t, the cached step costs 2 x (matmul weights) for the
# projections, MLP and output head, plus 4 x layers x heads x head_dim x t for the scores and
# the weighted sum. The instrumented count must match this independent formula exactly.
weights = N_LAYERS * (D * HEAD_DIM * (N_HEADS + 2 * N_KV_HEADS) + N_HEADS * HEAD_DIM * D
                      + 2 * D * D_FF) + D * VOCAB


def step_flops(n_new, context):
    """FLOPs of one forward pass over n_new tokens that see `context` keys in total."""
    return 2 * weights * n_new + 4 * N_LAYERS * N_HEADS * HEAD_DIM * n_new * context


expected_cached = step_flops(PROMPT, PROMPT) + sum(step_flops(1, t) for t in range(PROMPT + 1, PROMPT + NEW))
expected_uncached = sum(step_flops(t, t) for t in range(PROMPT, PROMPT + NEW))
print(f"FLOPs: uncached {flops_uncached:,}  cached {flops_cached:,}  "
      f"ratio {flops_uncached / flops_cached:.1f}")
assert flops_cached == expected_cached and flops_uncached == expected_uncached
assert 30 < flops_uncached / flops_cached < 32

# %%
# Published configurations (Llama 1 paper, arXiv 2302.13971, for the 7B shape; Llama 2 paper,
# arXiv 2307.09288: 4k context, multi-head attention at 7B, grouped-query attention at 70B, whose
# 80 layers, 64 heads and 8 KV heads are those of the released config.json of
# meta-llama/Llama-2-70b-hf; Llama 3 paper,
# arXiv 2407.21783, Table 3: 8 KV heads at every size, 128k context).
# Cache = 2 (K and V) x layers x kv_heads x head_dim x bytes x tokens x batch, in 16-bit.
GiB, KiB = 2 ** 30, 2 ** 10
configs = [  # name, layers, query heads, kv heads, head_dim, context length
    ("Llama 2 7B (MHA)", 32, 32, 32, 128, 4_096),
    ("Llama 2 70B (GQA)", 80, 64, 8, 128, 4_096),
    ("Llama 3 8B (GQA)", 32, 32, 8, 128, 131_072),
    ("Llama 3 70B (GQA)", 80, 64, 8, 128, 131_072),
    ("Llama 3 405B (GQA)", 126, 128, 8, 128, 131_072),
]


def kv_bytes(layers, kv_heads, head_dim, tokens, batch=1, bytes_per=2):
    return 2 * layers * kv_heads * head_dim * bytes_per * tokens * batch


print(f"\n{'model':<20} {'KiB/token':>9} {'GiB at 4k':>9} {'GiB at 128k':>11} {'if MHA, KiB/token':>17}")
per_token = {}
for name, layers, heads, kv, hd, ctx in configs:
    per_token[name] = kv_bytes(layers, kv, hd, 1)
    at_128k = f"{kv_bytes(layers, kv, hd, 131_072) / GiB:11.0f}" if ctx >= 131_072 else f"{'-':>11}"
    print(f"{name:<20} {per_token[name] / KiB:9.0f} {kv_bytes(layers, kv, hd, 4_096) / GiB:9.2f} "
          f"{at_128k} {kv_bytes(layers, heads, hd, 1) / KiB:17.0f}")
assert per_token["Llama 2 7B (MHA)"] == 512 * KiB                     # 0.5 MiB per token
assert kv_bytes(32, 32, 128, 4_096) == 2 * GiB                        # 2 GiB per 4k sequence
assert per_token["Llama 3 8B (GQA)"] == 128 * KiB                     # 4x smaller than Llama 2 7B
assert kv_bytes(32, 8, 128, 131_072) == 16 * GiB
assert kv_bytes(80, 8, 128, 131_072) == 40 * GiB
assert per_token["Llama 2 70B (GQA)"] == 320 * KiB and kv_bytes(80, 64, 128, 1) == 8 * 320 * KiB
assert kv_bytes(80, 8, 128, 4_096) == 1.25 * GiB and per_token["Llama 3 405B (GQA)"] == 504 * KiB
assert round(kv_bytes(126, 8, 128, 4_096) / GiB, 2) == 1.97 and kv_bytes(126, 8, 128, 131_072) == 63 * GiB

# %%
# Against the weights: Llama 2 7B has 6.74e9 parameters (13.5 GB in 16-bit). A batch of
# 8 sequences at 4k tokens already needs more memory for the cache than for the weights.
weights_7b = 6.74e9 * 2
for batch in (1, 4, 8, 16):
    cache_7b = kv_bytes(32, 32, 128, 4_096, batch)
    print(f"Llama 2 7B, batch {batch:>2} x 4k tokens: cache {cache_7b / 1e9:5.1f} GB "
          f"vs weights {weights_7b / 1e9:.1f} GB")
assert kv_bytes(32, 32, 128, 4_096, 4) < weights_7b < kv_bytes(32, 32, 128, 4_096, 8)
assert round(weights_7b / 1e9, 1) == 13.5 and round(kv_bytes(32, 32, 128, 4_096, 8) / 1e9, 1) == 17.2
assert kv_bytes(32, 32, 128, 4_096, 32) == 64 * GiB                  # 32 conversations of 4k

# Llama 3 70B at 128k tokens: about 70e9 parameters (140 GB in 16-bit) against 40 GiB of cache
# per sequence; the smallest batch whose cache outweighs the weights.
weights_70b = 70e9 * 2
n_rival = next(b for b in range(1, 100) if kv_bytes(80, 8, 128, 131_072, b) > weights_70b)
print(f"Llama 3 70B at 128k tokens: {n_rival} sequences' cache "
      f"({kv_bytes(80, 8, 128, 131_072, n_rival) / 1e9:.0f} GB) exceeds the weights "
      f"({weights_70b / 1e9:.0f} GB)")
assert n_rival == 4
assert round(2 * 80 * 64 * 128 * 2 / 2 ** 20, 2) == 2.5                # Llama 2 70B if MHA: 2.5 MiB/token

# %%
# FLOPs at scale for Llama 2 7B (2 x 6.74e9 per token plus the attention term), generating
# 1,000 tokens after a 1,000-token prompt: recomputing the prefix costs hundreds of times more.
P, L_, D_ = 6.74e9, 32, 4_096


def big_step(n_new, context):
    return 2 * P * n_new + 4 * L_ * D_ * n_new * context


cached_big = big_step(1_000, 1_000) + sum(big_step(1, t) for t in range(1_001, 2_001))
uncached_big = sum(big_step(t, t) for t in range(1_000, 2_000))
print(f"\nLlama 2 7B, 1k prompt + 1k new tokens: {uncached_big:.2e} FLOPs uncached, "
      f"{cached_big:.2e} cached ({uncached_big / cached_big:.0f}x)")
assert 700 < uncached_big / cached_big < 800
# Per cached step, the attention term 4 L d t catches up with the weight term 2P at t = P / (2 L d).
t_equal = P / (2 * L_ * D_)
print(f"per decode step, attention FLOPs equal weight FLOPs at {t_equal:,.0f} tokens of context")
assert 25_000 < t_equal < 26_000
