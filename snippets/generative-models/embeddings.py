"""Embeddings: what an embedding layer computes, and learning item embeddings from
co-occurrence.

An embedding layer is a lookup table: multiplying a one-hot vector by the matrix selects a row,
and the gradient touches only the rows that were looked up. Then 200 synthetic items, in 10
hidden categories with very uneven popularity, appear together in 2,000 "sessions"; factorising
their positive pointwise mutual information (PPMI) matrix with a truncated SVD gives dense
vectors whose nearest neighbours share the hidden category.
"""

# %%
# An embedding layer: E has one row per id. one_hot(ids) @ E == E[ids], and for any loss the
# gradient with respect to E is zero outside the rows of the ids in the batch.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
vocab, dim = 1000, 16
E = rng.normal(size=(vocab, dim))
ids = np.array([3, 17, 17, 512])
one_hot = np.eye(vocab)[ids]
assert np.allclose(one_hot @ E, E[ids])

upstream = rng.normal(size=(len(ids), dim))          # d loss / d (looked-up vectors)
grad_E = one_hot.T @ upstream                         # what the matrix product's backward gives
assert set(np.flatnonzero(np.abs(grad_E).sum(1))) == {3, 17, 512}
assert np.allclose(grad_E[17], upstream[1] + upstream[2])   # repeated ids accumulate
print(f"lookup of {len(ids)} ids: gradient is non-zero in {np.count_nonzero(np.abs(grad_E).sum(1))}"
      f" of {vocab} rows")

# %%
# Synthetic co-occurrence data. Each session picks a category and 5 distinct items, weighted
# by a Zipf-like popularity and 20 times more likely to come from the session's category.
n_items, n_cat, n_sessions = 200, 10, 2000
category = np.repeat(np.arange(n_cat), n_items // n_cat)
popularity = rng.permutation(1.0 / np.arange(1, n_items + 1))
session_cat = rng.integers(n_cat, size=n_sessions)
log_w = np.log(popularity)[None, :] + np.where(category[None, :] == session_cat[:, None], 0.0,
                                                np.log(0.05))
chosen = np.argsort(-(log_w + rng.gumbel(size=log_w.shape)), axis=1)[:, :5]   # 5 without replacement
B = np.zeros((n_sessions, n_items))
np.put_along_axis(B, chosen, 1.0, axis=1)
C = B.T @ B                                            # item-by-item co-occurrence counts
np.fill_diagonal(C, 0)
counts = B.sum(0)
print(f"\nmost popular item appears in {counts.max():.0f} sessions, median item in "
      f"{np.median(counts):.0f}")

# PPMI: log of observed / expected co-occurrence, negatives and zeros clipped to 0.
total, row = C.sum(), C.sum(1)
with np.errstate(divide="ignore"):
    pmi = np.log(C * total / np.outer(row, row))
ppmi = np.where(C > 0, np.maximum(pmi, 0), 0.0)
U, S, _ = np.linalg.svd(ppmi)


def embed(d):
    return U[:, :d] * np.sqrt(S[:d])                  # rank-d factor of the PPMI matrix


def precision_at_k(V, metric, k=10):
    """Share of each item's k nearest neighbours that are in its hidden category."""
    if metric == "cosine":
        V = V / np.linalg.norm(V, axis=1, keepdims=True)
    sim = V @ V.T
    np.fill_diagonal(sim, -np.inf)
    nn = np.argsort(-sim, axis=1)[:, :k]
    return (category[nn] == category[:, None]).mean()


# %%
# Neighbour quality. Chance is 19 / 199 (about 0.1).
rows = {
    "raw co-occurrence counts, dot": precision_at_k(C, "dot"),
    "raw co-occurrence counts, cosine": precision_at_k(C, "cosine"),
    "random 16-d vectors, cosine": precision_at_k(rng.normal(size=(n_items, 16)), "cosine"),
}
for d in (2, 4, 16, 64):
    rows[f"PPMI + SVD, d = {d}, cosine"] = precision_at_k(embed(d), "cosine")
rows["PPMI + SVD, d = 16, dot"] = precision_at_k(embed(16), "dot")
print("\nrepresentation (200 items)             precision@10 (same hidden category)")
for name, p in rows.items():
    print(f"{name:<38} {p:8.3f}")

assert rows["raw co-occurrence counts, dot"] < 0.25            # popular items dominate
assert rows["raw co-occurrence counts, cosine"] > 0.9
assert rows["random 16-d vectors, cosine"] < 0.15
best = rows["PPMI + SVD, d = 16, cosine"]
assert best > 0.9
assert rows["PPMI + SVD, d = 2, cosine"] < 0.5                 # too few dimensions
assert rows["PPMI + SVD, d = 64, cosine"] < best - 0.05        # extra dimensions add noise

# Popular items have long raw vectors: their norm tracks popularity, which is what biases the
# dot product.
norm_corr = np.corrcoef(np.linalg.norm(C, axis=1), counts)[0, 1]
print(f"\ncorrelation between an item's raw vector length and its popularity: {norm_corr:.2f}")
assert norm_corr > 0.9
sim_dot = C @ C.T
np.fill_diagonal(sim_dot, -np.inf)
nn_dot = np.argsort(-sim_dot, axis=1)[:, :10]
print(f"median sessions of dot-product neighbours: {np.median(counts[nn_dot]):.0f} "
      f"(all items: {np.median(counts):.0f})")
assert np.median(counts[nn_dot]) > 5 * np.median(counts)     # neighbours = the popular items

# %%
# One item and its five nearest neighbours in the 16-d embedding.
V = embed(16) / np.linalg.norm(embed(16), axis=1, keepdims=True)
item = int(np.argsort(counts)[n_items // 2])           # a middle-popularity item
sims = V @ V[item]
sims[item] = -np.inf
top = np.argsort(-sims)[:5]
print(f"item {item} (category {category[item]}): neighbours {top.tolist()}, "
      f"categories {category[top].tolist()}, cosine {np.round(sims[top], 2).tolist()}")
