"""Video recommendations: how many candidates should retrieval pass to the ranker?

Computes the load, the size of the item-embedding index and the ranking compute from stated
assumptions. On synthetic users and videos, a two-tower retrieval model sees the true affinity
through noisy embeddings and a ranking model sees it almost exactly. For each number of
candidates K, measures the recall of retrieval (share of each user's true top 10 among the K
retrieved) and the quality of the final top 10 after ranking, against the ranking cost, which
grows linearly in K. Draws the two-stage architecture.
"""

# %%
# Assumptions for a large video platform.
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

DAU = 200e6              # daily active users
REQUESTS = 10            # home-page and watch-next requests per user per day
PEAK = 3                 # peak over average
CORPUS = 500e6           # recommendable videos
DIM = 128                # embedding dimension
PQ_BYTES = 64            # bytes per vector after product quantisation
RANK_US = 10             # accelerator time to rank one candidate, microseconds (batched)

avg_qps = DAU * REQUESTS / 86_400
peak_qps = PEAK * avg_qps
float_gb = CORPUS * DIM * 4 / 1e9
pq_gb = CORPUS * PQ_BYTES / 1e9
print(f"average requests/s          {avg_qps:>10,.0f}")
print(f"peak requests/s             {peak_qps:>10,.0f}")
print(f"item index, float32         {float_gb:>10,.0f} GB")
print(f"item index, PQ {PQ_BYTES} bytes      {pq_gb:>10,.0f} GB")
assert 23_000 < avg_qps < 23_300 and 69_000 < peak_qps < 70_000
assert np.isclose(float_gb, 256) and np.isclose(pq_gb, 32)  # 8x smaller: fits in one large machine's memory

# %%
# Synthetic affinities: 300 users, 50,000 videos, 32-dimensional true tastes. Retrieval (two
# towers) sees user and video through noisy embeddings; the ranker sees the true affinity plus a
# little noise. A user's relevant set is their true top 10.
n_users, n_items, d, top = 300, 50_000, 32, 10
users = rng.normal(0, 1, (n_users, d))
items = rng.normal(0, 1, (n_items, d)) * rng.uniform(0.5, 1.5, (n_items, 1))
true = users @ items.T
retrieval = (users + rng.normal(0, 0.6, users.shape)) @ (items + rng.normal(0, 0.6, items.shape)).T
ranker = true + rng.normal(0, 0.2 * true.std(), true.shape)
truth = np.argsort(-true, axis=1)[:, :top]
truth_mask = np.zeros_like(true, dtype=bool)
np.put_along_axis(truth_mask, truth, True, axis=1)

# %%
# For each K: recall of retrieval, final precision of the ranked top 10, and ranking cost.
order_retrieval = np.argsort(-retrieval, axis=1)
rows = []
print(f"\n{'K':>6}{'retrieval recall@K':>20}{'final top-10 precision':>24}"
      f"{'rank ms/request':>17}{'accelerators':>14}")
for k in (10, 50, 100, 200, 500, 1000, 2000, 5000):
    cand = order_retrieval[:, :k]
    recall = np.take_along_axis(truth_mask, cand, axis=1).sum(axis=1).mean() / top
    ranked = np.take_along_axis(cand, np.argsort(-np.take_along_axis(ranker, cand, axis=1),
                                                 axis=1)[:, :top], axis=1)
    precision = np.take_along_axis(truth_mask, ranked, axis=1).mean()
    ms = k * RANK_US / 1e3
    accelerators = peak_qps * k * RANK_US * 1e-6       # accelerator-seconds per second at peak
    rows.append((k, recall, precision, ms, accelerators))
    print(f"{k:>6}{recall:>20.3f}{precision:>24.3f}{ms:>17.1f}{accelerators:>14,.0f}")
R = {k: (r, p, ms, a) for k, r, p, ms, a in rows}

# recall rises with K, with diminishing returns; ranking cost rises linearly
# (recall is non-decreasing in K by construction; the claim is that each extra candidate adds less)
assert (R[500][0] - R[100][0]) / 400 > 3 * (R[2000][0] - R[500][0]) / 1500
assert 0.19 < R[10][0] < 0.26 and 0.84 < R[500][0] < 0.9 and R[5000][0] > 0.98
assert R[500][1] - R[100][1] > 0.12                    # 100 -> 500 candidates: a large gain
assert R[2000][1] - R[500][1] < 0.06                   # 500 -> 2,000: a small gain, 4x the cost
assert R[5000][1] - R[500][1] < 0.06 and 0.72 < R[500][1] < 0.76
assert 340 < R[500][3] < 350

# %%
# Architecture: several candidate generators (two-tower ANN, co-watch, subscriptions, fresh and
# trending) feed one ranker, then re-ranking; the logs train both stages offline.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Video recommendation architecture. Online row, left to right: request with user and "
        "context, candidate generation (subscriptions, co-watch, fresh and trending, two-tower "
        "ANN index), merge of about 500 candidates, multi-task ranker predicting click and watch "
        "time, re-ranking for diversity and freshness, recommendations. Offline row: watch logs feed "
        "two-tower training, which builds the item embeddings and ANN index, and ranker "
        "training, which deploys the ranker.",
)
ax.set_xlim(0, 10)
ax.set_ylim(0, 5)
ax.axis("off")


def box(x, y, text, colour, w=1.4, h=0.8):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor="black", linewidth=1))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def arrow(a, b):
    ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", linewidth=1.2))


online, offline = "#dbe9f6", "#fde9d0"
box(0.75, 3.8, "request:\nuser,\ncontext", online, w=1.2, h=1.0)
sources = [(4.55, "subscriptions"), (4.0, "co-watch"), (3.45, "fresh, trending"),
           (2.9, "two-tower ANN")]
for y, t in sources:
    box(2.75, y, t, online, w=1.9, h=0.4)
    arrow((1.4, 3.8), (1.75, y))
    arrow((3.75, y), (4.35, 3.8))
ax.text(2.75, 4.95, "candidate generation", ha="center", fontsize=9)
box(5.0, 3.8, "merge\n~500", online, w=1.1)
box(6.6, 3.8, "multi-task\nranker", online, w=1.3)
box(8.2, 3.8, "re-rank:\ndiversity", online, w=1.3)
box(9.45, 3.8, "recs", online, w=0.8)
arrow((5.6, 3.8), (5.9, 3.8))
arrow((7.3, 3.8), (7.5, 3.8))
arrow((8.9, 3.8), (9.0, 3.8))
box(9.0, 0.6, "watch logs", offline, w=1.5)
box(2.75, 1.5, "two-tower\ntraining", offline, w=1.6)
box(6.6, 1.5, "ranker\ntraining", offline, w=1.6)
arrow((9.45, 3.35), (9.2, 1.05))
arrow((8.2, 0.7), (7.1, 1.05))
arrow((8.2, 0.5), (3.3, 1.05))
arrow((2.75, 1.95), (2.75, 2.65))
ax.text(2.9, 2.25, "embeddings, ANN index", fontsize=9)
arrow((6.6, 1.95), (6.6, 3.35))
ax.text(6.7, 2.55, "deploy", fontsize=9)
fig.tight_layout()
plt.show()
