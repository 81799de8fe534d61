"""Multi-head, multi-query and grouped-query attention as one function, and what each costs.

One implementation with n_kv key-value heads reproduces multi-head attention exactly when
n_kv equals the number of query heads, and multi-query attention when n_kv is 1 (both checked
against separate reference implementations). The program then converts a multi-head layer
into a grouped one by mean-pooling key and value heads, the starting point of Ainslie et al.'s
uptraining, and computes the key-value cache per token and per batch for Llama 2 70B's shape.
"""

# %%
# Grouped-query attention: H query heads share n_kv key-value heads, in groups of H / n_kv.
# Query head h reads key-value head h // (H / n_kv).
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def softmax_causal(scores):
    n = scores.shape[-1]
    scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return w / w.sum(axis=-1, keepdims=True)


def gqa(x, W_q, W_k, W_v, W_o, n_heads, n_kv):
    n, d = x.shape
    d_head = d // n_heads
    q = (x @ W_q).reshape(n, n_heads, d_head).transpose(1, 0, 2)       # (H, n, d_head)
    k = (x @ W_k).reshape(n, n_kv, d_head).transpose(1, 0, 2)          # (n_kv, n, d_head)
    v = (x @ W_v).reshape(n, n_kv, d_head).transpose(1, 0, 2)
    k, v = np.repeat(k, n_heads // n_kv, axis=0), np.repeat(v, n_heads // n_kv, axis=0)
    out = softmax_causal(q @ k.transpose(0, 2, 1) / np.sqrt(d_head)) @ v
    return out.transpose(1, 0, 2).reshape(n, d) @ W_o


# Independent references, one head at a time: multi-head (own K, V per head) and
# multi-query (one K, V shared by every head, Shazeer 2019).
def mha_reference(x, W_q, W_k, W_v, W_o, n_heads):
    d_head = x.shape[1] // n_heads
    heads = []
    for h in range(n_heads):
        cols = slice(h * d_head, (h + 1) * d_head)
        q, k, v = x @ W_q[:, cols], x @ W_k[:, cols], x @ W_v[:, cols]
        heads.append(softmax_causal(q @ k.T / np.sqrt(d_head)) @ v)
    return np.concatenate(heads, axis=1) @ W_o


def mqa_reference(x, W_q, w_k, w_v, W_o, n_heads):
    d_head = x.shape[1] // n_heads
    k, v = x @ w_k, x @ w_v                                              # one key and one value head
    heads = [softmax_causal(x @ W_q[:, h * d_head:(h + 1) * d_head] @ k.T / np.sqrt(d_head)) @ v
             for h in range(n_heads)]
    return np.concatenate(heads, axis=1) @ W_o


d, H, n = 64, 8, 12
d_head = d // H
x = rng.normal(size=(n, d))
W_q, W_k, W_v, W_o = (rng.normal(0, d**-0.5, (d, d)) for _ in range(4))
assert np.allclose(gqa(x, W_q, W_k, W_v, W_o, H, n_kv=H), mha_reference(x, W_q, W_k, W_v, W_o, H))
w_k1, w_v1 = W_k[:, :d_head], W_v[:, :d_head]
assert np.allclose(gqa(x, W_q, w_k1, w_v1, W_o, H, n_kv=1), mqa_reference(x, W_q, w_k1, w_v1, W_o, H))
print("n_kv = H reproduces multi-head attention, n_kv = 1 multi-query attention: True")

# %%
# Converting a multi-head layer: average the key (and value) projection heads within each
# group, as Ainslie et al. (2023) do before uptraining. The toy heads share structure within
# a group (each head = a group prototype + its own part, weight 'shared'); the error is the
# output difference relative to the multi-head layer, averaged over 20 inputs.
def convert(W, n_kv, how):
    per_head = W.reshape(d, n_kv, H // n_kv, d_head)
    if how == "mean-pool":
        pooled = per_head.mean(axis=2)
    elif how == "first head":
        pooled = per_head[:, :, 0]
    else:                                                               # fresh random heads
        pooled = rng.normal(0, d**-0.5, (d, n_kv, d_head))
    return pooled.reshape(d, n_kv * d_head)


def relative_error(shared, n_kv, how, trials=20):
    errors = []
    for _ in range(trials):
        proto_k, proto_v = (rng.normal(0, d**-0.5, (d, n_kv, 1, d_head)) for _ in range(2))
        own_k, own_v = (rng.normal(0, d**-0.5, (d, n_kv, H // n_kv, d_head)) for _ in range(2))
        W_k_mha = (shared * proto_k + np.sqrt(1 - shared**2) * own_k).reshape(d, d)
        W_v_mha = (shared * proto_v + np.sqrt(1 - shared**2) * own_v).reshape(d, d)
        xs = rng.normal(size=(n, d))
        ref = gqa(xs, W_q, W_k_mha, W_v_mha, W_o, H, H)
        out = gqa(xs, W_q, convert(W_k_mha, n_kv, how), convert(W_v_mha, n_kv, how), W_o, H, n_kv)
        errors.append(np.linalg.norm(out - ref) / np.linalg.norm(ref))
    return float(np.mean(errors))


print("\nstart point for uptraining (n_kv = 2): output error relative to multi-head")
print("heads share    mean-pool   first head   random")
err = {}
for shared in (0.0, 0.8):
    err[shared] = {how: relative_error(shared, 2, how) for how in ("mean-pool", "first head", "random")}
    print(f"{shared:11.0%} " + "".join(f"{e:12.2f}" for e in err[shared].values()))
for e in err.values():                                   # mean-pooling starts closest either way
    assert e["mean-pool"] < 0.85 * e["first head"] < e["random"]
assert 0.5 < err[0.8]["mean-pool"] < 0.7 and 0.8 < err[0.0]["mean-pool"] < 1.0   # far from exact
by_groups = {g: relative_error(0.8, g, "mean-pool") for g in (1, 2, 4, 8)}
print("n_kv: " + "  ".join(f"{g} -> {e:.2f}" for g, e in by_groups.items()))
assert 0.6 < by_groups[1] < 0.7 and 0.45 < by_groups[4] < 0.55 and by_groups[8] < 1e-12

# %%
# The key-value cache per token: keys and values (2) x layers x n_kv x d_head x 2 bytes
# (16-bit). Llama 2 70B's shape (Touvron et al., 2023): 80 layers, 64 query heads of size
# 128, 8 key-value heads; about 69.0B parameters, so 138 GB of 16-bit weights.
layers, heads, head_dim, weight_bytes = 80, 64, 128, 2 * 68_976_648_192
batch, context, hbm = 16, 4096, 8 * 80e9       # 8 GPUs of 80 GB; "fit" ignores activations
print(f"\n{'Llama 2 70B shape':<20} {'KV heads':>8} {'per token':>12} {f'batch {batch} x {context}':>22}"
      f" {'sequences that fit':>18}")
cache = {}
for name, n_kv in (("multi-head", 64), ("grouped (GQA-8)", 8), ("multi-query", 1)):
    per_token = 2 * layers * n_kv * head_dim * 2
    cache[name] = per_token
    fits = int((hbm - weight_bytes) // (per_token * context))
    print(f"{name:<20} {n_kv:8d} {per_token / 2**10:8.0f} KiB {per_token * batch * context / 2**30:18.1f} GiB"
          f" {fits:18d}")
assert cache["multi-head"] == 2.5 * 2**20 and cache["grouped (GQA-8)"] == 320 * 2**10
assert cache["multi-query"] == 40 * 2**10
# A decode step reads every weight once and the whole cache of every sequence. Taking the
# weights as equal, the share of bytes that is cache at batch 16 x 4096 tokens:
step = {name: weight_bytes + c * batch * context for name, c in cache.items()}
print("bytes read per decode step: "
      + ", ".join(f"{name} {b / 1e9:.0f} GB" for name, b in step.items()))
assert cache["multi-head"] * batch * context > weight_bytes > 6 * cache["grouped (GQA-8)"] * batch * context
assert 1.9 < step["multi-head"] / step["grouped (GQA-8)"] < 2.0
fits = {name: int((hbm - weight_bytes) // (c * context)) for name, c in cache.items()}
assert (fits["multi-head"], fits["grouped (GQA-8)"]) == (46, 374)     # about 8 times as many
