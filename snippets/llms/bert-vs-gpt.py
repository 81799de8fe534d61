"""BERT and GPT side by side: parameter counts, attention masks and training signal.

Counts the parameters of BERT-base and GPT-2 small from their published configurations,
shows in a NumPy self-attention layer that a causal mask stops positions from seeing the
future (which is what allows generation with a cache), and measures how many positions
give a training signal under masked and causal language modelling.
"""

# %%
# Parameter counts from the configurations. Both have 12 layers of width 768 with a
# 3072-wide feed-forward block, so their transformer layers are identical in size; the
# difference is in the embeddings (vocabulary and positions) and BERT's pooler.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def layer_params(d, d_ff):
    attention = 4 * (d * d + d)                  # query, key, value and output projections
    feed_forward = d * d_ff + d_ff + d_ff * d + d
    layer_norms = 2 * 2 * d                      # two LayerNorms, scale and shift
    return attention + feed_forward + layer_norms


d, d_ff, n_layers = 768, 3072, 12
bert = (30522 * d + 512 * d + 2 * d + 2 * d      # tokens, positions, segments, LayerNorm
        + n_layers * layer_params(d, d_ff)
        + d * d + d)                             # pooler over the [CLS] position
gpt2 = (50257 * d + 1024 * d                     # tokens (tied with the output layer), positions
        + n_layers * layer_params(d, d_ff)
        + 2 * d)                                 # final LayerNorm
print(f"BERT-base parameters  {bert:>12,}")
print(f"GPT-2 small           {gpt2:>12,}")
print(f"one transformer layer {layer_params(d, d_ff):>12,}")
assert bert == 109_482_240 and gpt2 == 124_439_808 and layer_params(d, d_ff) == 7_087_872


# %%
# One self-attention layer with random weights. Under the bidirectional mask (BERT) every
# position attends to every other; under the causal mask (GPT) position i sees 0..i only.
rng = np.random.default_rng(SEED)
n, width = 8, 16
Wq, Wk, Wv = (rng.normal(size=(width, width)) / np.sqrt(width) for _ in range(3))


def self_attention(x, mask):
    scores = (x @ Wq) @ (x @ Wk).T / np.sqrt(width)
    scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ (x @ Wv)


bidirectional = np.ones((n, n), dtype=bool)
causal = np.tril(bidirectional)
prefix = causal.copy()
prefix[:, :3] = True                            # prefix LM: the first 3 tokens see each other

x = rng.normal(size=(n, width))
x_changed = x.copy()
x_changed[-1] = rng.normal(size=width)          # change only the last token
for name, mask in [("bidirectional", bidirectional), ("causal", causal)]:
    diff = np.abs(self_attention(x, mask) - self_attention(x_changed, mask)).max(axis=1)
    print(f"{name:<13} change in outputs at positions 0..{n - 2} after editing token {n - 1}: "
          f"{diff[:-1].max():.3f}")
    if name == "causal":
        assert np.allclose(diff[:-1], 0)        # earlier positions cannot see the edit
    else:
        assert (diff[:-1] > 1e-3).all()         # every position sees it

# Consequence for generation: with the causal mask, appending a token leaves the earlier
# outputs unchanged, so they (and their keys and values) can be cached.
grown = np.vstack([x, rng.normal(size=(1, width))])
assert np.allclose(self_attention(grown, np.tril(np.ones((n + 1, n + 1), dtype=bool)))[:n],
                   self_attention(x, causal))
# Generating T tokens: with the cache, one new position per step; without it (as a
# bidirectional model must, since every output changes), all t positions at step t.
T = 256
with_cache = sum(1 for t in range(1, T + 1))
recompute = sum(t for t in range(1, T + 1))
print(f"positions computed to generate {T} tokens: causal with cache {with_cache}, "
      f"bidirectional (recompute all) {recompute:,}")
assert (with_cache, recompute) == (256, 32_896)

# %%
# Training signal. MLM (BERT) selects 15 % of positions; of those, 80 % become [MASK],
# 10 % a random token and 10 % stay unchanged, and only the selected positions are scored.
# Causal LM (GPT) scores a next-token prediction at every position.
seq_len, n_seqs = 512, 200
selected = rng.random((n_seqs, seq_len)) < 0.15
action = rng.random((n_seqs, seq_len))
masked = selected & (action < 0.8)
randomised = selected & (action >= 0.8) & (action < 0.9)
mlm_fraction = selected.mean()
clm_fraction = (seq_len - 1) / seq_len          # every token but the first is predicted
print(f"\nfraction of positions with a loss: MLM {mlm_fraction:.3f}, causal LM {clm_fraction:.3f}")
print(f"of the MLM targets: {masked.sum() / selected.sum():.2f} [MASK], "
      f"{randomised.sum() / selected.sum():.2f} random token, "
      f"{1 - (masked.sum() + randomised.sum()) / selected.sum():.2f} unchanged")
assert abs(mlm_fraction - 0.15) < 0.005 and clm_fraction > 0.99
assert abs(masked.sum() / selected.sum() - 0.8) < 0.01
assert abs(randomised.sum() / selected.sum() - 0.1) < 0.01

# %%
# The three masks as pictures: row i shows which positions token i may attend to.
fig, axes = plt.subplots(
    1, 3, figsize=(7.2, 2.8),
    num="Attention masks: BERT lets every token attend to every token, GPT only to itself "
        "and earlier tokens (a lower triangle), and a prefix LM lets the prefix see itself fully")
for ax, (title, mask) in zip(axes, [("BERT: bidirectional", bidirectional),
                                    ("GPT: causal", causal),
                                    ("prefix LM (3-token prefix)", prefix)]):
    ax.imshow(mask, cmap="Blues", vmin=0, vmax=1.3)
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("attends to position", fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
axes[0].set_ylabel("query position", fontsize=8)
fig.tight_layout()
plt.show()
