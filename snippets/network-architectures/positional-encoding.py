"""Why self-attention needs position information, and what sinusoidal encodings, RoPE and ALiBi
provide, checked numerically in NumPy.

A single self-attention layer cannot tell "dog bites man" from "man bites dog" until positions
are added. The sinusoidal encoding turns a shift by k positions into a fixed rotation, so dot
products between encodings depend only on the offset; rotary embeddings (RoPE) build that
property into the query-key score itself; ALiBi adds a distance penalty to the scores.
"""

# %%
# One self-attention layer (single head, no mask) over token embeddings, mean-pooled into a
# sentence vector. Without positions, the two word orders give the same vector exactly.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
d = 32
vocab = {w: rng.normal(size=d) for w in ("dog", "bites", "man")}
W_q, W_k, W_v = (rng.normal(0, 1 / np.sqrt(d), (d, d)) for _ in range(3))


def self_attention(X):
    s = (X @ W_q) @ (X @ W_k).T / np.sqrt(d)
    w = np.exp(s - s.max(axis=1, keepdims=True))
    return (w / w.sum(axis=1, keepdims=True)) @ (X @ W_v)


def sinusoidal(n_pos, dim, base=10_000.0):
    """PE[p, 2i] = sin(p w_i), PE[p, 2i + 1] = cos(p w_i), with w_i = base^(-2i / dim)."""
    freqs = base ** (-np.arange(0, dim, 2) / dim)
    angles = np.arange(n_pos)[:, None] * freqs[None, :]
    pe = np.empty((n_pos, dim))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angles), np.cos(angles)
    return pe


a = np.array([vocab[w] for w in ("dog", "bites", "man")])
b = np.array([vocab[w] for w in ("man", "bites", "dog")])
pe = sinusoidal(3, d)
gap_without = np.abs(self_attention(a).mean(0) - self_attention(b).mean(0)).max()
gap_with = np.abs(self_attention(a + pe).mean(0) - self_attention(b + pe).mean(0)).max()
print("largest difference between the pooled vectors of 'dog bites man' and 'man bites dog'")
print(f"  without positions: {gap_without:.1e}")
print(f"  with sinusoidal positions added: {gap_with:.2f}")
assert gap_without < 1e-12 and gap_with > 0.05
# Per token the layer is permutation-equivariant: the outputs are the same rows, reordered.
assert np.allclose(self_attention(b), self_attention(a)[::-1])

# %%
# Sinusoidal encodings: each pair of dimensions is a point on a circle turning at its own
# frequency, from one radian per position down to 1 / 10,000. A shift by k positions is a
# rotation R_k that does not depend on p, and PE(p) . PE(p + k) depends only on k.
n_pos, dim = 128, 64
P = sinusoidal(n_pos, dim)
freqs = 10_000.0 ** (-np.arange(0, dim, 2) / dim)


def shift_matrix(k):
    R = np.zeros((dim, dim))
    for i, w in enumerate(freqs):
        c, s = np.cos(k * w), np.sin(k * w)
        R[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return R


k = 7
assert np.allclose(P[k:] , P[:-k] @ shift_matrix(k).T)     # PE(p + k) = R_k PE(p) for every p
dots = np.array([[P[p] @ P[p + kk] for kk in range(40)] for p in (0, 20, 60)])
assert np.allclose(dots, dots[0])                            # same curve from every start p
assert np.allclose(np.linalg.norm(P, axis=1) ** 2, dim / 2)  # every position has the same norm
print(f"\nPE(p) . PE(p + k) for p = 0, 20, 60 and k = 0, 5, 20: "
      f"{dots[:, [0, 5, 20]].round(2).tolist()}")

# %%
# RoPE: rotate each query and key pair of dimensions by (position x frequency). The score
# between a query at position m and a key at position n then depends only on m - n.


def rope(x, pos):
    out = np.empty_like(x)
    c, s = np.cos(pos * freqs), np.sin(pos * freqs)
    out[0::2] = x[0::2] * c - x[1::2] * s
    out[1::2] = x[0::2] * s + x[1::2] * c
    return out


q, key = rng.normal(size=dim), rng.normal(size=dim)
scores = {(m, n_): rope(q, m) @ rope(key, n_) for m, n_ in [(5, 2), (105, 102), (1005, 1002)]}
print("\nRoPE score for offset m - n = 3 at (m, n) = "
      + ", ".join(f"{m_n}: {s:.4f}" for m_n, s in scores.items()))
assert np.allclose(list(scores.values()), scores[(5, 2)])
assert np.isclose(np.linalg.norm(rope(q, 37)), np.linalg.norm(q))   # rotations keep lengths
assert not np.isclose(rope(q, 5) @ rope(key, 2), rope(q, 5) @ rope(key, 4))

# %%
# ALiBi adds -slope_h x (i - j) to head h's causal scores: no embedding at all, and a distance
# penalty that is defined for any length. For 8 heads the slopes are 1/2, 1/4, ..., 1/256.
n_heads = 8
slopes = 2.0 ** (-8 * np.arange(1, n_heads + 1) / n_heads)
i, j = np.arange(6)[:, None], np.arange(6)[None, :]
bias = -slopes[0] * np.where(j <= i, i - j, np.inf)
assert np.allclose(slopes, [2.0**-h for h in range(1, 9)])
assert bias[5, 0] == -2.5 and np.isinf(bias[0, 5])
print(f"\nALiBi slopes for {n_heads} heads: {slopes.round(4).tolist()}")

# %%
# Figure: the encoding matrix (fast dimensions on the left, slow ones on the right) and the
# dot product between two positions' encodings as a function of their offset.
offsets = np.arange(n_pos)
sim = P[0] @ P.T
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 3.6),
    num="Left, the sinusoidal position-encoding matrix: early dimensions oscillate quickly "
        "along the position axis and later ones slowly; right, the dot product between the "
        "encodings of two positions is largest at offset zero and falls off, with ripples, "
        "as the offset grows.")
im = ax1.imshow(P, aspect="auto", cmap="RdBu", vmin=-1, vmax=1)
ax1.set(xlabel="encoding dimension", ylabel="position p", title="PE(p), d = 64")
fig.colorbar(im, ax=ax1)
ax2.plot(offsets, sim)
ax2.set(xlabel="offset k", ylabel="PE(p) . PE(p + k)", title="Similarity depends only on offset")
fig.tight_layout()
assert sim[0] == sim.max() and sim[0] - sim[10:].max() > 5
plt.show()
