"""What a visual search system rests on: index memory, exact versus approximate search, latency.

Sizes the embedding index for a large image catalogue from stated assumptions (float32 against
product-quantised codes) and the latency budget of one search. Then, on synthetic clustered
embeddings where each query is a noisy view of one catalogue item, it compares exact search with
product quantisation (with and without exact re-ranking) and with an inverted-file index that
scans only a few clusters: memory per vector, share of the catalogue scanned, recall@10 against
the exact neighbours, and how often the queried item itself is in the top 10. Finally it draws
the architecture.
"""

# %%
# Back-of-the-envelope sizing from stated assumptions (a large shopping or photo catalogue).
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from sklearn.cluster import KMeans

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

IMAGES = 500e6              # catalogue images (one embedding each)
DIM = 256                   # embedding dimension
PQ_BYTES = 32               # product quantisation: 32 sub-vectors x 1 byte
QUERIES_PER_DAY, PEAK_TO_MEAN = 20e6, 3.0

float_gb = IMAGES * DIM * 4 / 1e9
pq_gb = IMAGES * PQ_BYTES / 1e9
mean_qps = QUERIES_PER_DAY / 86_400
peak_qps = mean_qps * PEAK_TO_MEAN
exact_tb_per_s = float_gb * peak_qps / 1e3   # an exact scan reads every vector for every query
print(f"index: float32 {float_gb:,.0f} GB, PQ codes {pq_gb:,.0f} GB ({float_gb / pq_gb:.0f}x smaller)")
print(f"mean {mean_qps:,.0f}, peak {peak_qps:,.0f} queries/s; exact scan would read {exact_tb_per_s:,.0f} TB/s")
assert float_gb == 512 and pq_gb == 16 and 225 < mean_qps < 235 and 690 < peak_qps < 700
assert 350 < exact_tb_per_s < 360

# %%
# Server-side latency budget for one photo query (assumed p99 per stage; 200 ms target).
BUDGET_MS = 200
stages = {"upload decode and resize": 15, "object detection and crop": 25,
          "embedding model (GPU)": 20, "ANN search (sharded)": 15,
          "exact re-rank of candidates": 10, "filters, metadata, business ranking": 25,
          "network between services": 20}
total = sum(stages.values())
for name, ms in stages.items():
    print(f"  {name:<37} {ms:>3} ms")
print(f"  {'total':<37} {total:>3} ms of {BUDGET_MS} ms")
assert total == 130 and BUDGET_MS - total >= 70

# %%
# Synthetic embeddings: 20,000 catalogue items in 64 dimensions, grouped in 200 clusters (product
# categories), unit length. Each query is a new photo of a catalogue item: the item's vector
# plus noise, renormalised. 500 queries.
rng = np.random.default_rng(SEED)
N, D, CLUSTERS, Q, K = 20_000, 64, 200, 500, 10
scales = np.linspace(1.0, 0.3, D)                 # anisotropic, like real embeddings
centres = rng.normal(size=(CLUSTERS, D)) * scales
base = centres[rng.integers(0, CLUSTERS, N)] + 1.0 * rng.normal(size=(N, D)) * scales
base = (base / np.linalg.norm(base, axis=1, keepdims=True)).astype(np.float32)
source = rng.choice(N, Q, replace=False)
queries = base[source] + 0.06 * rng.normal(size=(Q, D)).astype(np.float32)
queries /= np.linalg.norm(queries, axis=1, keepdims=True)


def top_k(dist, k=K):
    part = np.argpartition(dist, k, axis=1)[:, :k]
    return np.take_along_axis(part, np.argsort(np.take_along_axis(dist, part, 1), 1), 1)


def sq_dist(a, b):
    return (a ** 2).sum(1)[:, None] - 2 * a @ b.T + (b ** 2).sum(1)[None, :]


exact = top_k(sq_dist(queries, base))


def recall_at_k(found):
    """Share of the exact top-k neighbours that the method also returns in its top k."""
    return np.mean([len(set(f) & set(e)) / K for f, e in zip(found, exact)])


def hit_at_k(found):
    """Share of queries whose source item is in the top k."""
    return np.mean([s in f for s, f in zip(source, found)])


# %%
# Product quantisation (Jegou et al., 2011): split each vector into M = 8 sub-vectors of 8
# dimensions, learn 256 centroids per sub-space with k-means, store one byte per sub-vector.
# Search with asymmetric distances: the query stays exact, distances to centroids are looked up.
M, CODEBOOK = 8, 256
sub = D // M
train = base[rng.choice(N, 10_000, replace=False)]
codebooks = [KMeans(CODEBOOK, n_init=1, max_iter=25, random_state=SEED + m)
             .fit(train[:, m * sub:(m + 1) * sub]).cluster_centers_ for m in range(M)]
codes = np.stack([np.argmin(sq_dist(base[:, m * sub:(m + 1) * sub], codebooks[m]), 1)
                  for m in range(M)], 1).astype(np.uint8)
tables = np.stack([sq_dist(queries[:, m * sub:(m + 1) * sub], codebooks[m]) for m in range(M)], 1)
adc = sum(tables[:, m, codes[:, m]] for m in range(M))             # (Q, N) approximate distances
pq_found = top_k(adc)
# Re-rank: take PQ's top 100 and recompute exact distances for those only.
short = top_k(adc, 100)
rerank = np.take_along_axis(short, np.argsort(
    ((queries[:, None, :] - base[short]) ** 2).sum(-1), 1)[:, :K], 1)

# %%
# Inverted file (IVF): k-means into 100 lists; a query scans only the nprobe nearest lists.
LISTS = 100
coarse = KMeans(LISTS, n_init=1, max_iter=25, random_state=SEED + 99).fit(train)
assign = coarse.predict(base)
list_order = np.argsort(sq_dist(queries, coarse.cluster_centers_.astype(np.float32)), 1)
full = sq_dist(queries, base)
ivf = {}
for nprobe in (1, 4, 16):
    probed = np.eye(LISTS, dtype=bool)[list_order[:, :nprobe]].any(1)   # (Q, LISTS)
    allowed = probed[:, assign]                                          # (Q, N)
    ivf[nprobe] = (top_k(np.where(allowed, full, np.inf)), allowed.mean())

# %%
# Results.
rows = [("exact, float32", D * 4, 1.0, exact), ("PQ, 8 bytes", M, 1.0, pq_found),
        ("PQ + exact re-rank of 100", M, 1.0, rerank)]
rows += [(f"IVF, nprobe {p}", D * 4, share, found) for p, (found, share) in ivf.items()]
print(f"\n{'method':<27} bytes/vector  scanned  recall@10  item in top 10")
res = {}
for name, nbytes, scanned, found in rows:
    res[name] = (recall_at_k(found), hit_at_k(found), scanned)
    print(f"{name:<27} {nbytes:>8}     {scanned:>6.1%}    {res[name][0]:.3f}      {res[name][1]:.3f}")
assert res["exact, float32"][0] == 1.0 and res["exact, float32"][1] > 0.99
assert 0.42 < res["PQ, 8 bytes"][0] < 0.5                # compressed distances lose neighbours...
assert res["PQ, 8 bytes"][1] > 0.99                      # ...but still find the queried item
assert 0.93 < res["PQ + exact re-rank of 100"][0] < 0.97  # re-ranking recovers most neighbours
assert res["IVF, nprobe 1"][2] < 0.015 and 0.8 < res["IVF, nprobe 1"][0] < 0.88
assert 0.86 < res["IVF, nprobe 1"][1] < 0.95             # one list misses the item 1 time in 10
assert 0.04 < res["IVF, nprobe 4"][2] < 0.06 and 0.91 < res["IVF, nprobe 4"][0] < 0.96
assert 0.18 < res["IVF, nprobe 16"][2] < 0.23 and res["IVF, nprobe 16"][0] > 0.97
recalls = [res[f"IVF, nprobe {p}"][0] for p in (1, 4, 16)]
assert recalls[0] < recalls[1] < recalls[2]

# %%
# Architecture.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Architecture of a visual search system. Online: the user's photo goes to a "
        "preprocessing and object detection service that crops the item, then to the "
        "embedding model on GPUs; the embedding queries a sharded approximate nearest-neighbour "
        "index of product-quantised vectors; the candidates are re-ranked with exact vectors "
        "and filtered and ranked with catalogue metadata before the results are returned. "
        "Offline: new catalogue images are embedded in batch and added to the index; click and "
        "purchase logs and labelled pairs train the embedding model, and a model change "
        "triggers a full re-embedding and index rebuild.")
ax.set_xlim(-0.1, 9.9)
ax.set_ylim(0, 5)
ax.axis("off")
ONLINE, OFFLINE = "#dbe9f6", "#eeeeee"
boxes = {
    "photo": (0.8, 4.0, "user photo", ONLINE),
    "detect": (2.85, 4.0, "decode, detect\nand crop item", ONLINE),
    "embed": (4.9, 4.0, "embedding\nmodel (GPU)", ONLINE),
    "ann": (6.95, 4.0, "sharded ANN\nindex (PQ)", ONLINE),
    "rerank": (9.0, 4.0, "exact re-rank,\nfilters,\nranking", ONLINE),
    "results": (9.0, 2.5, "results", ONLINE),
    "catalogue": (2.85, 1.0, "catalogue\nimages", OFFLINE),
    "batch": (4.9, 1.0, "batch\nembedding", OFFLINE),
    "build": (6.95, 1.0, "index build\n(train PQ,\nshards)", OFFLINE),
    "logs": (2.85, 2.5, "clicks,\npurchases,\nlabelled pairs", OFFLINE),
    "train": (4.9, 2.5, "train embedding\n(contrastive)", OFFLINE),
}
W, H = 1.5, 0.85
for x, yy, text, colour in boxes.values():
    ax.add_patch(FancyBboxPatch((x - W / 2, yy - H / 2), W, H, boxstyle="round,pad=0.03",
                                facecolor=colour, edgecolor="black", linewidth=0.8))
    ax.text(x, yy, text, ha="center", va="center", fontsize=9)


def edge(a, b):
    """Point where the segment from box a's centre towards box b's centre leaves box a."""
    (xa, ya), (xb, yb) = boxes[a][:2], boxes[b][:2]
    dx, dy = xb - xa, yb - ya
    s = min((W / 2 + 0.05) / abs(dx) if dx else np.inf, (H / 2 + 0.05) / abs(dy) if dy else np.inf)
    return xa + s * dx, ya + s * dy


for a, b in [("photo", "detect"), ("detect", "embed"), ("embed", "ann"), ("ann", "rerank"),
             ("rerank", "results"), ("catalogue", "batch"), ("batch", "build"), ("build", "ann"),
             ("logs", "train"), ("train", "embed"), ("train", "batch")]:
    ax.annotate("", xy=edge(b, a), xytext=edge(a, b),
                arrowprops=dict(arrowstyle="->", linewidth=1.0, color="black"))
ax.text(0.1, 4.75, "online query path", fontsize=9)
ax.text(0.1, 0.15, "offline: training, embedding, index build", fontsize=9)
fig.tight_layout()
plt.show()
