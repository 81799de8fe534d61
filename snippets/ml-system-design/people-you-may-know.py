"""What a "people you may know" system rests on: load, 2-hop candidates, graph ranking features.

Estimates the serving load, the storage of precomputed suggestions and the cost of enumerating
friends of friends from stated assumptions. Then it grows a synthetic friendship graph over time
(friends introduce friends, people meet within their community, a few random links), freezes a
snapshot and keeps the edges formed afterwards as the "future" to predict. On it, it counts the
2-hop candidates per user, measures how many future friendships they contain (the recall ceiling
of candidate generation), and ranks them by common neighbours and by Adamic-Adar against a random
order. Finally it draws the architecture.
"""

# %%
# Back-of-the-envelope load from stated assumptions (a large social network).
import os

import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sp
from matplotlib.patches import FancyBboxPatch

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

USERS, DAU = 1e9, 300e6
VIEWS_PER_DAU, PEAK_TO_MEAN = 3, 3.0       # PYMK module impressions a day
STORED, BYTES_PER_SUGGESTION = 100, 12     # top-100 per user: 8-byte id + 4-byte score
MEAN_FRIENDS, MEAN_FRIENDS_OF_FRIEND = 200, 400   # friends of a friend exceed the mean: paradox

mean_qps = DAU * VIEWS_PER_DAU / 86_400
peak_qps = mean_qps * PEAK_TO_MEAN
storage_tb = USERS * STORED * BYTES_PER_SUGGESTION / 1e12
paths_per_user = MEAN_FRIENDS * MEAN_FRIENDS_OF_FRIEND
daily_paths = DAU * paths_per_user
print(f"serving: mean {mean_qps:,.0f}/s, peak {peak_qps:,.0f}/s from a key-value cache")
print(f"precomputed top-{STORED} for every user: {storage_tb:.1f} TB")
print(f"2-hop paths: {paths_per_user:,} per user, {daily_paths:.1e} a day for daily active users")
assert 10_000 < mean_qps < 11_000 and 30_000 < peak_qps < 32_000 and storage_tb == 1.2
assert paths_per_user == 80_000 and daily_paths == 2.4e13

# %%
# Synthetic graph grown by events. 4,000 users in 100 communities of 40 (school, workplace). Each
# event adds one friendship for a random user: with probability 0.5 a friend of a friend
# (triadic closure), 0.35 someone from the same community, 0.15 anyone. The first 80 % of
# events form the snapshot; the new edges of the last 20 % are the future to predict.
rng = np.random.default_rng(SEED)
N, COMMUNITY, EVENTS = 4_000, 40, 48_000
community = np.arange(N) // COMMUNITY
friends = [set() for _ in range(N)]
snapshot_edges, future_edges = [], []
for event in range(EVENTS):
    u = int(rng.integers(N))
    r = rng.random()
    if r < 0.5 and friends[u]:
        v = list(friends[u])[rng.integers(len(friends[u]))]
        if not friends[v]:
            continue
        w = list(friends[v])[rng.integers(len(friends[v]))]
    elif r < 0.85:
        w = int(community[u] * COMMUNITY + rng.integers(COMMUNITY))
    else:
        w = int(rng.integers(N))
    if w == u or w in friends[u]:
        continue
    friends[u].add(w)
    friends[w].add(u)
    (snapshot_edges if event < 0.8 * EVENTS else future_edges).append((u, w))

edges = np.array(snapshot_edges)
A = sp.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(N, N))
A = ((A + A.T) > 0).astype(np.float64).tocsr()
degree = np.asarray(A.sum(1)).ravel()
future = [set() for _ in range(N)]
for u, w in future_edges:
    future[u].add(w)
    future[w].add(u)
print(f"\nsnapshot: {len(edges):,} friendships, mean degree {degree.mean():.1f}; "
      f"future: {len(future_edges):,} new friendships")

# %%
# Candidate generation: friends of friends who are not friends yet. Common-neighbour counts are
# A @ A; Adamic-Adar weights each shared friend z by 1 / log(degree z), so a shared friend with
# few friends counts more than a popular one.
CN = (A @ A).tolil()
CN.setdiag(0)
CN = CN.tocsr()
CN = CN - CN.multiply(A)                    # drop existing friends
CN.eliminate_zeros()
inv_log = 1 / np.log(np.maximum(degree, 2))
AA = (A @ sp.diags(inv_log) @ A).multiply(CN > 0).tocsr()

users = [u for u in range(N) if future[u] and degree[u] > 0]
n_candidates = np.array([CN[u].nnz for u in users])
paths = np.asarray(CN.sum(1)).ravel()[users]      # 2-hop paths that end at a candidate
covered = sum(len(future[u] & set(CN[u].indices)) for u in users)
total_future = sum(len(future[u]) for u in users)
coverage = covered / total_future
print(f"users with a future friendship: {len(users):,}")
print(f"2-hop candidates per user: mean {n_candidates.mean():.0f} (of {N - 1:,} users), "
      f"2-hop paths to them {paths.mean():.0f} ({paths.mean() / n_candidates.mean():.2f} per candidate)")
print(f"future friendships among the 2-hop candidates (recall ceiling): {coverage:.2f}")
assert 14 < degree.mean() < 17
assert 0.03 * N < n_candidates.mean() < 0.05 * N         # about 4 % of the graph...
assert 0.63 < coverage < 0.74                            # ...holds two thirds of future friendships
assert 1.2 < paths.mean() / n_candidates.mean() < 1.4    # some candidates reached by several paths

# %%
# Ranking the candidates: top 10 by common neighbours, by Adamic-Adar and in random order;
# precision@10 and recall@10 against each user's future friendships (ties broken at random).
TOP = 10


def evaluate(matrix):
    precision, recall = [], []
    for u in users:
        row = matrix[u]
        cand, score = row.indices, row.data
        if cand.size == 0:
            precision.append(0.0)
            recall.append(0.0)
            continue
        order = np.lexsort((rng.random(cand.size), -score))[:TOP]
        hits = len(future[u] & set(cand[order]))
        precision.append(hits / TOP)
        recall.append(hits / len(future[u]))
    return float(np.mean(precision)), float(np.mean(recall))


RANDOM = CN.copy()
RANDOM.data = rng.random(RANDOM.nnz)
results = {"random": evaluate(RANDOM), "common neighbours": evaluate(CN),
           "Adamic-Adar": evaluate(AA)}
print(f"\nranking of 2-hop candidates   precision@{TOP}   recall@{TOP}")
for name, (p, r) in results.items():
    print(f"  {name:<28} {p:.3f}          {r:.3f}")
lift = results["common neighbours"][0] / results["random"][0]
print(f"common neighbours vs random: {lift:.1f}x the precision")
assert 3.0 < lift < 4.0                                              # over three times random
assert 0.13 < results["common neighbours"][1] < 0.2 and 0.04 < results["random"][1] < 0.06
assert 0.05 < results["common neighbours"][0] < 0.07 and 0.015 < results["random"][0] < 0.025
assert abs(results["Adamic-Adar"][0] / results["common neighbours"][0] - 1) < 0.1   # about as good
assert results["common neighbours"][1] < coverage                    # bounded by the candidates

# %%
# Architecture.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Architecture of a people-you-may-know system. Offline, daily: the friendship graph "
        "and contact, profile and interaction data feed candidate generation (friends of "
        "friends, same school or workplace, imported contacts); a feature job computes graph "
        "features such as common neighbours and Adamic-Adar; a ranking model scores the "
        "candidates and the top suggestions per user are written to a key-value store. Online: "
        "the suggestion service reads the store, applies fresh filters (new friendships, "
        "blocks, dismissals) and a light re-rank, and shows the list; impressions, requests "
        "and acceptances are logged and become the training labels.")
ax.set_xlim(-0.1, 9.9)
ax.set_ylim(0, 5)
ax.axis("off")
ONLINE, OFFLINE = "#dbe9f6", "#eeeeee"
boxes = {
    "graph": (0.8, 1.0, "friendship\ngraph", OFFLINE),
    "signals": (0.8, 2.5, "contacts,\nprofiles,\ninteractions", OFFLINE),
    "cands": (2.85, 1.75, "candidates:\nfriends of friends,\nschool, contacts", OFFLINE),
    "features": (4.9, 1.75, "graph + profile\nfeatures (CN,\nAdamic-Adar)", OFFLINE),
    "rank": (6.95, 1.75, "ranking model\n(p accept)", OFFLINE),
    "kv": (9.0, 1.75, "top-100 per\nuser (key-value)", OFFLINE),
    "service": (9.0, 4.0, "suggestion\nservice: filter,\nre-rank", ONLINE),
    "ui": (6.95, 4.0, "PYMK module\nin the app", ONLINE),
    "logs": (4.9, 4.0, "impressions,\nrequests,\nacceptances", ONLINE),
    "train": (2.85, 4.0, "training data\n(labels)", OFFLINE),
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


for a, b in [("graph", "cands"), ("signals", "cands"), ("cands", "features"),
             ("features", "rank"), ("rank", "kv"), ("kv", "service"), ("service", "ui"),
             ("ui", "logs"), ("logs", "train"), ("train", "rank")]:
    ax.annotate("", xy=edge(b, a), xytext=edge(a, b),
                arrowprops=dict(arrowstyle="->", linewidth=1.0, color="black"))
ax.text(0.1, 4.75, "online: serve and log", fontsize=9)
ax.text(0.1, 0.15, "offline batch, daily or incremental", fontsize=9)
fig.tight_layout()
plt.show()
