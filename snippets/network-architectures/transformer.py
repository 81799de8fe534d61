"""A decoder-style (GPT-like) transformer block written out in NumPy.

The program builds one pre-LayerNorm block (multi-head causal self-attention and a feed-forward
network, each wrapped in a residual connection), then checks the properties an interviewer asks
about: why scores are divided by sqrt(d_k), what the causal mask guarantees, that cached keys and
values reproduce the full forward pass, what the block does to the order of its inputs, how many
parameters a GPT-2-sized model has, and when the n^2 attention term starts to dominate the cost.
"""

# %%
# The pieces. Each token is a row of X (n tokens x d_model). LayerNorm works per token; the
# attention mixes tokens; the feed-forward network (FFN) works per token again.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)


def layer_norm(x, gain, bias, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gain * (x - mu) / np.sqrt(var + eps) + bias


def softmax(s):
    s = s - s.max(axis=-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=-1, keepdims=True)


def init_block(d_model, n_heads, d_ff):
    def dense(n_in, n_out):
        return rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)), np.zeros(n_out)

    p = {"n_heads": n_heads}
    p["W_qkv"], p["b_qkv"] = dense(d_model, 3 * d_model)   # Q, K and V projections in one matrix
    p["W_o"], p["b_o"] = dense(d_model, d_model)           # mixes the heads' outputs
    p["W_1"], p["b_1"] = dense(d_model, d_ff)
    p["W_2"], p["b_2"] = dense(d_ff, d_model)
    for ln in ("ln1", "ln2"):
        p[ln] = (np.ones(d_model), np.zeros(d_model))
    return p


def split_heads(m, n_heads):
    n, d = m.shape
    return m.reshape(n, n_heads, d // n_heads).transpose(1, 0, 2)   # (heads, n, d_head)


def attention(x, p, causal=True, return_weights=False):
    n, d = x.shape
    h = p["n_heads"]
    q, k, v = np.split(x @ p["W_qkv"] + p["b_qkv"], 3, axis=-1)
    q, k, v = (split_heads(m, h) for m in (q, k, v))
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(d // h)                # (heads, n, n)
    if causal:
        scores = np.where(np.tril(np.ones((n, n), dtype=bool)), scores, -np.inf)
    weights = softmax(scores)
    heads = weights @ v                                                # (heads, n, d_head)
    out = heads.transpose(1, 0, 2).reshape(n, d) @ p["W_o"] + p["b_o"]
    return (out, weights) if return_weights else out


def gelu(z):
    return 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))


def block(x, p, causal=True):
    x = x + attention(layer_norm(x, *p["ln1"]), p, causal)            # tokens exchange information
    return x + gelu(layer_norm(x, *p["ln2"]) @ p["W_1"] + p["b_1"]) @ p["W_2"] + p["b_2"]


d_model, n_heads, n = 64, 4, 10
params = init_block(d_model, n_heads, d_ff=4 * d_model)
X = rng.normal(size=(n, d_model))
Y = block(X, params)
_, W = attention(layer_norm(X, *params["ln1"]), params, return_weights=True)
assert Y.shape == X.shape                          # a block maps n x d to n x d, so blocks stack
assert np.allclose(W.sum(axis=-1), 1)              # each attention row is a probability vector
assert np.allclose(np.triu(W[0], k=1), 0)          # and puts no weight on later tokens
print(f"block: input {X.shape} -> output {Y.shape}, {n_heads} heads of size {d_model // n_heads}")

# %%
# Why divide by sqrt(d_k)? For random unit-variance queries and keys the dot product has
# variance d_k, so without scaling the softmax is almost one-hot and its gradient vanishes.
print("\nd_k   std of q.k   mean max weight (raw)   mean max weight (scaled)")
for d_k in (4, 64, 512):
    q = rng.normal(size=(2000, d_k))
    keys = rng.normal(size=(2000, 16, d_k))                # 16 keys per query
    s = np.einsum("id,ijd->ij", q, keys)
    raw_max = softmax(s).max(axis=1).mean()
    scaled_max = softmax(s / np.sqrt(d_k)).max(axis=1).mean()
    print(f"{d_k:4d} {s.std():11.1f} {raw_max:18.2f} {scaled_max:24.2f}")
    assert 0.85 < s.std() / np.sqrt(d_k) < 1.15
    assert 0.2 < scaled_max < 0.3                          # scaled: about a quarter, any d_k
    if d_k >= 64:
        assert raw_max > 0.8

# %%
# The causal mask: changing token j leaves the outputs at positions < j untouched,
# which is what lets a decoder train on every position of a sequence at once.
j = 6
X_changed = X.copy()
X_changed[j] = rng.normal(size=d_model)
diff = np.abs(block(X_changed, params) - Y).max(axis=1)
assert np.allclose(diff[:j], 0) and (diff[j:] > 1e-3).all()
print(f"\nchanging token {j}: outputs 0-{j - 1} change by at most {diff[:j].max():.0e}, "
      f"outputs {j}-{n - 1} by at least {diff[j:].min():.2f}")

# %%
# Generation with a key-value cache: feed one token at a time, keep earlier keys and values,
# and recover exactly the rows of the full causal pass, with one new query per step.
Xn = layer_norm(X, *params["ln1"])
K_cache, V_cache, rows = [], [], []
h, d_head = n_heads, d_model // n_heads
for t in range(n):
    q_t, k_t, v_t = np.split(Xn[t] @ params["W_qkv"] + params["b_qkv"], 3)
    K_cache.append(k_t.reshape(h, d_head))
    V_cache.append(v_t.reshape(h, d_head))
    K, V = np.stack(K_cache, axis=1), np.stack(V_cache, axis=1)      # (heads, t + 1, d_head)
    w = softmax(np.einsum("hd,htd->ht", q_t.reshape(h, d_head), K) / np.sqrt(d_head))
    rows.append(np.einsum("ht,htd->hd", w, V).reshape(d_model) @ params["W_o"] + params["b_o"])
assert np.allclose(np.array(rows), attention(Xn, params))
print("key-value cache reproduces the full causal attention: True")

# %%
# Without position information the block cannot see order: with no mask, permuting the input
# tokens permutes the outputs in the same way (permutation equivariance).
perm = rng.permutation(n)
assert np.allclose(block(X[perm], params, causal=False), block(X, params, causal=False)[perm])
print("unmasked block is permutation-equivariant: True")

# %%
# Parameter count. Per block: 4 d^2 in attention (Q, K, V, output) and 8 d^2 in an FFN with
# d_ff = 4d, plus biases and LayerNorm gains: 12 d^2 + 13 d. GPT-2 small has 12 blocks with
# d = 768, a 50,257-token vocabulary and 1,024 learned positions; output weights are tied to
# the token embedding.
def block_params(d):
    return (3 * d * d + 3 * d) + (d * d + d) + (4 * d * d + 4 * d) + (4 * d * d + d) + 4 * d


small = {k: v.size for k, v in params.items() if isinstance(v, np.ndarray)}
small_total = sum(small.values()) + sum(g.size + b.size for g, b in (params["ln1"], params["ln2"]))
assert small_total == block_params(d_model) == 12 * d_model**2 + 13 * d_model

d, layers, vocab, ctx = 768, 12, 50_257, 1_024
embeddings = vocab * d + ctx * d
gpt2 = embeddings + layers * block_params(d) + 2 * d                 # + final LayerNorm
print(f"\nGPT-2 small: {gpt2:,} parameters "
      f"({layers * block_params(d) / gpt2:.0%} in the blocks, {embeddings / gpt2:.0%} in embeddings)")
assert gpt2 == 124_439_808
assert abs(embeddings / gpt2 - 1 / 3) < 0.02           # about a third in embeddings

# %%
# Cost per layer, in multiply-adds for a sequence of n tokens: the projections and FFN cost
# 12 n d^2, the score matrix and the weighted sum cost 2 n^2 d. Their ratio is n / (6 d),
# so attention's quadratic term dominates once n exceeds 6 d (4,608 tokens for d = 768).
print("\n     n   linear layers   attention matrix   attention share")
for n_tok in (512, 4_608, 32_768):
    linear, quadratic = 12 * n_tok * d**2, 2 * n_tok**2 * d
    share = quadratic / (linear + quadratic)
    print(f"{n_tok:6d} {linear:15.2e} {quadratic:18.2e} {share:17.0%}")
    assert np.isclose(quadratic / linear, n_tok / (6 * d))
assert 2 * 4_608**2 * d == 12 * 4_608 * d**2
