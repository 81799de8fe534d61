"""What a harmful-content moderation system rests on: load, review capacity, thresholds, prevalence.

Estimates the load of classifying every new post from stated assumptions, then simulates one
day of 1,000,000 posts of which 0.3 % are harmful, scored by a classifier. It shows the
precision and recall at several thresholds, a two-threshold policy (auto-remove where precision
is at least 95 %, human review for the next highest scores up to the reviewers' capacity), how
recall grows with review capacity, and how to estimate prevalence when harmful posts are rare:
a uniform random sample, a sample stratified by the classifier's score, and the biased count of
flagged posts. Finally it draws the architecture.
"""

# %%
# Back-of-the-envelope load from stated assumptions (a large social platform).
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from scipy.stats import norm

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

POSTS_PER_DAY = 200e6       # new posts and comments a day
PEAK_TO_MEAN = 3.0
GPU_MS_PER_POST = 5.0       # text + image models, batched, GPU time per post
GPU_UTILISATION = 0.5       # headroom for spikes and re-scoring
REVIEWERS, HOURS, ITEMS_PER_HOUR = 2_000, 7, 60

mean_rate = POSTS_PER_DAY / 86_400
peak_rate = PEAK_TO_MEAN * mean_rate
gpus = peak_rate * GPU_MS_PER_POST / 1_000 / GPU_UTILISATION
reviews = REVIEWERS * HOURS * ITEMS_PER_HOUR
print(f"posts: mean {mean_rate:,.0f}/s, peak {peak_rate:,.0f}/s -> {gpus:.0f} GPUs at peak")
print(f"review capacity {reviews:,.0f} items/day = {reviews / POSTS_PER_DAY:.2%} of posts")
assert 2_300 < mean_rate < 2_330 and 6_900 < peak_rate < 7_000 and 68 < gpus < 71
assert reviews == 840_000 and abs(reviews / POSTS_PER_DAY - 0.0042) < 1e-9

# %%
# One simulated day: 1,000,000 posts, 0.3 % harmful. The classifier's raw score is N(0, 1) for
# benign posts and N(3.5, 1) for harmful ones; its calibrated probability follows from Bayes.
rng = np.random.default_rng(SEED)
N, PREVALENCE, GAP = 1_000_000, 0.003, 3.5
y = rng.random(N) < PREVALENCE
score = rng.normal(size=N) + GAP * y
log_odds = np.log(PREVALENCE / (1 - PREVALENCE)) + GAP * score - GAP ** 2 / 2
p = 1 / (1 + np.exp(-log_odds))
n_pos = y.sum()
print(f"\n{N:,} posts, {n_pos:,} harmful ({n_pos / N:.2%})")

# %%
# Precision and recall when everything above a probability threshold is acted on.
print("threshold p   flagged   precision   recall")
table = {}
for t in (0.99, 0.95, 0.8, 0.5, 0.2, 0.05):
    flag = p >= t
    prec, rec = y[flag].mean(), y[flag].sum() / n_pos
    table[t] = (flag.sum(), prec, rec)
    print(f"   {t:<6}    {flag.sum():>7,}     {prec:.3f}     {rec:.3f}")
assert table[0.95][1] > 0.95 and 0.17 < table[0.95][2] < 0.27   # precise but catches little
assert 0.25 < table[0.05][1] < 0.4 and 0.76 < table[0.05][2] < 0.86

# %%
# Two-threshold policy. Auto-remove above the lowest score whose precision (among everything
# above it) is at least 95 %; the review queue takes the next highest scores up to the capacity.
order = np.argsort(-p)
cum_precision = np.cumsum(y[order]) / np.arange(1, N + 1)
n_auto = int(np.flatnonzero(cum_precision >= 0.95).max()) + 1
auto = np.zeros(N, bool)
auto[order[:n_auto]] = True
recall_auto = y[auto].sum() / n_pos
marginal = p[order[n_auto - 1]]   # probability of the last post auto-removed
print(f"\nauto-remove: {n_auto:,} posts, precision {y[auto].mean():.3f}, recall {recall_auto:.3f}, "
      f"last post removed has p = {marginal:.2f}")
print("review capacity   queue precision   recall (auto + review)")
rows = []
for share in (0.001, 0.0025, 0.005, 0.01, 0.02):
    k = int(share * N)
    queue = order[n_auto:n_auto + k]
    recall = (y[auto].sum() + y[queue].sum()) / n_pos
    rows.append((share, y[queue].mean(), recall))
    print(f"   {share:>6.2%}            {y[queue].mean():.3f}            {recall:.3f}")
queue_precision = np.array([r[1] for r in rows])
total_recall = np.array([r[2] for r in rows])
assert y[auto].mean() >= 0.95 and 0.3 < recall_auto < 0.42
assert 0.7 < marginal < 0.9            # set precision 95 %, but the last posts are far less sure
assert np.all(np.diff(total_recall) > 0) and np.all(np.diff(queue_precision) < 0)
gain_per_item = np.diff(total_recall) / np.diff([r[0] for r in rows])
assert np.all(np.diff(gain_per_item) < 0)                  # diminishing returns per reviewer
assert 0.52 < total_recall[0] < 0.6 and 0.65 < total_recall[1] < 0.75
assert 0.88 < total_recall[-1] < 0.95
assert 0.55 < queue_precision[0] < 0.7 and queue_precision[-1] < 0.1  # a big queue is mostly benign

# %%
# Prevalence estimation with 2,000 labels a day, repeated 400 times.
#   uniform:    label a simple random sample of posts.
#   stratified: four strata by classifier probability; allocate labels in proportion to
#               N_h * sqrt(p_h (1 - p_h)) with p_h the mean predicted probability (Neyman), and
#               weight each stratum's labelled share by its size.
#   flagged:    count posts above the 0.5 threshold (classify and count): no labels needed,
#               but biased because it counts false positives and misses false negatives.
LABELS, REPS = 2_000, 400
truth = y.mean()
edges = np.quantile(p, [0.9, 0.99, 0.998])
stratum = np.searchsorted(edges, p)
sizes = np.bincount(stratum, minlength=4)
p_mean = np.bincount(stratum, weights=p, minlength=4) / sizes
alloc = sizes * np.sqrt(p_mean * (1 - p_mean))
alloc = np.maximum(1, np.round(LABELS * alloc / alloc.sum())).astype(int)
members = [np.flatnonzero(stratum == h) for h in range(4)]

uniform = np.array([y[rng.integers(0, N, LABELS)].mean() for _ in range(REPS)])
stratified = np.array([
    sum(sizes[h] * y[members[h][rng.integers(0, sizes[h], alloc[h])]].mean() for h in range(4)) / N
    for _ in range(REPS)
])
flagged = (p >= 0.5).mean()


def rmse(est):
    return float(np.sqrt(np.mean((est - truth) ** 2)))


print(f"\ntrue prevalence {truth:.5f}; labels per estimate {LABELS}; strata sizes {sizes.tolist()}, "
      f"labels {alloc.tolist()}")
print("estimator     mean       relative RMSE")
for name, est in [("uniform", uniform), ("stratified", stratified)]:
    print(f"  {name:<10}  {est.mean():.5f}    {rmse(est) / truth:.3f}")
print(f"  flagged     {flagged:.5f}    {abs(flagged - truth) / truth:.3f} (bias, no labels)")
assert abs(uniform.mean() - truth) < 0.05 * truth and abs(stratified.mean() - truth) < 0.05 * truth
theory = np.sqrt((1 - PREVALENCE) / (LABELS * PREVALENCE))
assert abs(rmse(uniform) / truth - theory) < 0.06            # binomial: sqrt((1 - pi) / (n pi))
assert 0.09 < rmse(stratified) / truth < 0.13
assert 0.23 < rmse(stratified) / rmse(uniform) < 0.34      # stratifying by score: 3-4x tighter
assert 0.28 < (truth - flagged) / truth < 0.42            # counting flags is biased (low here)

# %%
# Architecture.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Architecture of a harmful-content moderation system. A new post first goes through "
        "hash matching against known violating media, then multimodal classifiers for text, "
        "images and video; a policy engine removes it automatically above a high-precision "
        "threshold, sends the next highest scores, ranked by severity and reach, to the human "
        "review queue, and publishes the rest. User reports also feed the review queue. "
        "Reviewer decisions and appeals become labels for training; a daily stratified sample "
        "labelled by experts measures prevalence and feeds training and calibration.")
ax.set_xlim(-0.1, 9.9)
ax.set_ylim(0, 5)
ax.axis("off")
ONLINE, OFFLINE, HUMAN = "#dbe9f6", "#eeeeee", "#fde2c8"
boxes = {
    "post": (0.8, 4.0, "new post", ONLINE),
    "hash": (2.85, 4.0, "hash match\n(known bad\nmedia)", ONLINE),
    "model": (4.9, 4.0, "text / image /\nvideo models", ONLINE),
    "policy": (6.95, 4.0, "policy engine\n(two thresholds)", ONLINE),
    "remove": (9.0, 4.0, "auto-remove", ONLINE),
    "publish": (9.0, 2.5, "publish", ONLINE),
    "queue": (6.95, 2.5, "review queue\n(severity x\nreach)", HUMAN),
    "reports": (9.0, 1.0, "user reports", HUMAN),
    "labels": (6.95, 1.0, "reviewer\ndecisions,\nappeals", HUMAN),
    "train": (4.9, 1.0, "training +\ncalibration", OFFLINE),
    "sample": (2.85, 1.0, "stratified\nprevalence\nsample", OFFLINE),
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


for a, b in [("post", "hash"), ("hash", "model"), ("model", "policy"), ("policy", "remove"),
             ("policy", "publish"), ("policy", "queue"), ("reports", "queue"), ("queue", "labels"),
             ("labels", "train"), ("train", "model"), ("sample", "train")]:
    ax.annotate("", xy=edge(b, a), xytext=edge(a, b),
                arrowprops=dict(arrowstyle="->", linewidth=1.0, color="black"))
ax.text(0.1, 4.75, "online, every post", fontsize=9)
ax.text(0.1, 0.15, "human review, labels, measurement", fontsize=9)
fig.tight_layout()
plt.show()
