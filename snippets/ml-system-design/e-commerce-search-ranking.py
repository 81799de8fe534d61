"""E-commerce search ranking: load and latency budget, NDCG, pointwise versus pairwise learning.

Computes the search load and a per-stage latency budget from stated assumptions. On synthetic
queries with graded relevance labels (0 to 3), compares a one-feature baseline, a pointwise
model (regression on the labels) and a pairwise model (logistic regression on feature
differences of pairs within a query, as in RankSVM or RankNet) by NDCG@10 on held-out queries.
The synthetic data contain a query-level confounder: for some queries every product has a high
value of one feature and the labels are low overall. Pointwise regression mixes that
between-query pattern into its weights; pairwise differences within a query cancel it, and so
does centring each feature within its query before a pointwise fit.
Draws the architecture.
"""

# %%
# Assumptions for a large online shop.
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import ndcg_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

DAU = 50e6          # daily active users
SEARCHES = 5        # searches per user per day
PEAK = 3            # peak hour over the daily average
SALE = 10           # sale-event peak over the daily average
RETRIEVED = 1_000   # products retrieved per query and scored by the first-stage ranker
RERANKED = 100      # products re-scored by the second-stage model

avg_qps = DAU * SEARCHES / 86_400
print(f"average searches/s        {avg_qps:>10,.0f}")
print(f"daily peak searches/s     {PEAK * avg_qps:>10,.0f}")
print(f"sale-event searches/s     {SALE * avg_qps:>10,.0f}")
print(f"first-stage scores/s      {SALE * avg_qps * RETRIEVED:>10,.0f}  (sale peak)")
assert 2_850 < avg_qps < 2_950 and 8_600 < PEAK * avg_qps < 8_750 and 28_500 < SALE * avg_qps < 29_500
assert 2.85e7 < SALE * avg_qps * RETRIEVED < 2.95e7

budget = {"query understanding": 15, "retrieval (lexical + embedding)": 30,
          "first stage: trees on 1,000": 25, "second stage: neural on 100": 30,
          "business rules, blending": 10, "headroom": 40}
print(f"\n{'stage':<34}{'ms':>4}")
for stage, ms in budget.items():
    print(f"{stage:<34}{ms:>4}")
assert sum(budget.values()) == 150  # the search back end's p99 budget

# %%
# Synthetic learning-to-rank data: 400 queries with 40 products each and 6 features (think text
# match, rating, price position, popularity, ...). Within a query, relevance follows w . x.
# Confounder: each query has an offset on feature 0 (all products of some queries score high on
# it), and those queries have lower labels overall, so across queries feature 0 looks harmful.
n_q, per_q, d = 400, 40, 6
w = np.array([1.0, 0.8, 0.6, 0.4, 0.3, 0.2])
offset = rng.normal(0, 1.0, n_q)
X = rng.normal(0, 1, (n_q, per_q, d))
latent = X @ w - 0.6 * offset[:, None] + rng.normal(0, 0.5, (n_q, per_q))
X[:, :, 0] += offset[:, None]
labels = np.digitize(latent, [0.5, 1.5, 2.5])            # graded relevance 0, 1, 2, 3
train, test = np.arange(300), np.arange(300, n_q)


def ndcg10(scores):
    """Mean NDCG@10 over the test queries that have at least one relevant product."""
    keep = [q for q in test if labels[q].max() > 0]
    return ndcg_score(labels[keep], scores[keep], k=10)


# %%
# Baseline: the text-match feature alone. Pointwise: ridge regression of the label on the
# features. Pairwise: logistic regression on x_i - x_j for pairs with different labels.
baseline = X[:, :, 1]
point = Ridge(alpha=1.0).fit(X[train].reshape(-1, d), labels[train].ravel())
pairs_X, pairs_y = [], []
for q in train:
    i, j = np.triu_indices(per_q, 1)
    differ = labels[q, i] != labels[q, j]
    pairs_X.append(X[q, i[differ]] - X[q, j[differ]])
    pairs_y.append(labels[q, i[differ]] > labels[q, j[differ]])
pair = LogisticRegression(C=1.0, fit_intercept=False, max_iter=1000).fit(
    np.concatenate(pairs_X), np.concatenate(pairs_y))
# A fix for pointwise models: centre each feature within its query, removing query-level offsets.
Xc = X - X.mean(axis=1, keepdims=True)
point_c = Ridge(alpha=1.0).fit(Xc[train].reshape(-1, d), labels[train].ravel())
results = {"baseline (one feature)": ndcg10(baseline),
           "pointwise (ridge)": ndcg10(X @ point.coef_),
           "pairwise (logistic on pairs)": ndcg10(X @ pair.coef_.ravel()),
           "pointwise, query-centred": ndcg10(Xc @ point_c.coef_)}
print(f"\n{'model':<30}{'NDCG@10':>8}")
for name, value in results.items():
    print(f"{name:<30}{value:>8.3f}")
# weights rescaled so that feature 1's weight equals its true value, to compare directions
print(f"weight on feature 0: true {w[0]:+.2f}, "
      f"pointwise {point.coef_[0] / point.coef_[1] * w[1]:+.2f}, "
      f"pairwise {pair.coef_[0, 0] / pair.coef_[0, 1] * w[1]:+.2f}")
b, p1, p2, pc = results.values()
assert p2 > p1 + 0.08 and p1 > b + 0.15 and p2 > 0.92 and 0.78 < p1 < 0.88 and 0.5 < b < 0.7
assert pc > p1 + 0.05 and abs(pc - p2) < 0.03
assert point.coef_[0] / point.coef_[1] * w[1] < w[0] / 3      # pointwise: under a third of it
assert abs(pair.coef_[0, 0] / pair.coef_[0, 1] - w[0] / w[1]) < 0.25 * w[0] / w[1]

# %%
# Architecture: query understanding, retrieval, two ranking stages, business rules; search logs
# with clicks, add-to-cart and purchases become graded labels for offline training.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="E-commerce search ranking architecture. Online row, left to right: query, query "
        "understanding (spelling, category, attributes), retrieval from a lexical index and an "
        "embedding index, first-stage ranker with gradient-boosted trees on 1,000 products, "
        "second-stage neural ranker on the top 100, business rules and blending, results page. "
        "Search logs with clicks, add-to-cart and purchases flow to the offline row: graded labels "
        "with position-bias correction, learning-to-rank training, offline NDCG and A/B test, "
        "which deploys both rankers.",
)
ax.set_xlim(0, 10)
ax.set_ylim(0, 5)
ax.axis("off")


def box(x, y, text, colour, w=1.3):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - 0.42), w, 0.84, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor="black", linewidth=1))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def arrow(a, b):
    ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", linewidth=1.2))


online, offline = "#dbe9f6", "#fde9d0"
row = [(0.6, "query"), (2.0, "query\nunderstanding"), (3.6, "retrieval:\nlexical +\nembedding"),
       (5.2, "stage 1:\ntrees,\n1,000"), (6.8, "stage 2:\nneural,\n100"),
       (8.3, "rules,\nblending"), (9.55, "results")]
for x, t in row:
    box(x, 3.9, t, online, w=0.8 if x in (0.6, 9.55) else 1.15 if x == 8.3 else 1.3)
for (x1, _), (x2, _) in zip(row, row[1:]):
    left = 0.45 if x1 in (0.6, 9.55) else 0.63 if x1 == 8.3 else 0.7
    right = 0.45 if x2 in (0.6, 9.55) else 0.63 if x2 == 8.3 else 0.7
    arrow((x1 + left, 3.9), (x2 - right, 3.9))
low = [(8.6, "search logs:\nclicks, carts,\npurchases"), (6.4, "graded labels,\nposition\ncorrection"),
       (4.2, "learning-to-rank\ntraining"), (2.0, "offline NDCG,\nA/B test")]
for x, t in low:
    box(x, 1.0, t, offline, w=1.7)
for (x1, _), (x2, _) in zip(low, low[1:]):
    arrow((x1 - 0.9, 1.0), (x2 + 0.9, 1.0))
arrow((9.55, 3.4), (9.1, 1.5))
arrow((2.5, 1.5), (5.0, 3.4))
arrow((2.9, 1.5), (6.6, 3.4))
ax.text(3.0, 2.3, "deploy", fontsize=9)
ax.text(9.45, 2.45, "log", fontsize=9)
fig.tight_layout()
plt.show()
