"""News feed ranking: the load, position bias in logged clicks, and a multi-objective score.

Computes the request rate and scoring load of a feed from stated assumptions. Simulates logged
feed sessions in which the old ranker places items and users examine lower positions less, shows
that raw click-through rates rank items by where the old ranker put them, estimates the
examination propensities from a small randomised slice of traffic, and recovers the true
relevance order with inverse-propensity weighting. Finally compares ranking by click probability
alone with a weighted multi-objective score on posts that include clickbait, and draws the
architecture.
"""

# %%
# Assumptions for a large social network (round numbers, to be said aloud in the interview).
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from scipy.stats import spearmanr

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

DAU = 500e6            # daily active users
SESSIONS = 8           # feed loads per user per day
PEAK = 2.5             # peak hour over daily average
INVENTORY = 1_500      # eligible posts per request (friends, groups, followed pages, recent days)
HEAVY = 500            # posts the heavy ranker scores after a light pre-ranker
SHOWN = 20             # posts shown per feed load
BYTES = 300            # bytes logged per impression

avg_qps = DAU * SESSIONS / 86_400
peak_qps = PEAK * avg_qps
light_per_s, heavy_per_s = peak_qps * INVENTORY, peak_qps * HEAVY
log_tb = DAU * SESSIONS * SHOWN * BYTES / 1e12
print(f"average feed requests/s   {avg_qps:>14,.0f}")
print(f"peak feed requests/s      {peak_qps:>14,.0f}")
print(f"light-ranker scores/s     {light_per_s:>14,.0f}")
print(f"heavy-ranker scores/s     {heavy_per_s:>14,.0f}")
print(f"impression logs per day   {log_tb:>14.0f} TB")
assert 46_000 < avg_qps < 46_500 and 115_000 < peak_qps < 116_000
assert 1.7e8 < light_per_s < 1.8e8 and 5.7e7 < heavy_per_s < 5.9e7 and 23 < log_tb < 25

# The ranking part of the request gets 100 ms at p99, split across the stages of the cascade.
budget = {"candidate gathering": 20, "feature fetch": 20, "light ranker": 10,
          "heavy ranker": 40, "re-ranking": 10}
print(f"\n{'stage':<22}{'ms':>4}")
for stage, ms in budget.items():
    print(f"{stage:<22}{ms:>4}")
assert sum(budget.values()) == 100  # the plan fits the 100 ms given to ranking

# %%
# Logged feedback. 300 posts with true relevance r (click probability once the user looks at the
# post). The old ranker orders each session's 10 posts by a score with its own per-post errors.
# A user examines position k with probability 1/k (a position-based click model), and clicks with
# probability (1/k) * r. 5 % of sessions are shuffled at random: the exploration slice.
n_items, per_session, n_sessions = 300, 10, 300_000
relevance = rng.beta(2, 8, n_items)
old_score = np.log(relevance / (1 - relevance)) + rng.normal(0, 1.5, n_items)  # old ranker's view
theta = 1 / np.arange(1, per_session + 1)                                      # examination

items = rng.integers(0, n_items, (n_sessions, per_session))   # 10 distinct posts per session:
while True:                                                     # redraw rows with a repeat
    s = np.sort(items, axis=1)
    repeat = (s[:, 1:] == s[:, :-1]).any(axis=1)
    if not repeat.any():
        break
    items[repeat] = rng.integers(0, n_items, (repeat.sum(), per_session))
noisy = old_score[items] + rng.normal(0, 0.5, items.shape)
randomised = rng.random(n_sessions) < 0.05
order = np.where(randomised[:, None], np.argsort(rng.random(items.shape), axis=1),
                 np.argsort(-noisy, axis=1))
items = np.take_along_axis(items, order, axis=1)            # items[s, k] is shown at position k
positions = np.broadcast_to(np.arange(per_session), items.shape)
clicks = rng.random(items.shape) < theta[positions] * relevance[items]

# %%
# Propensities from the randomised slice: there, relevance is independent of position, so the
# click-through rate at position k divided by that at position 1 estimates theta_k / theta_1.
ctr_by_pos = clicks[randomised].mean(axis=0)
theta_hat = ctr_by_pos / ctr_by_pos[0]
print(f"\n{'position':<10}{'true':>7}{'estimated':>11}")
for k in (0, 1, 2, 4, 9):
    print(f"{k + 1:<10}{theta[k]:>7.3f}{theta_hat[k]:>11.3f}")
assert np.all(np.abs(theta_hat[1:] / theta[1:] - 1) < 0.15)

# %%
# Per-post estimates from the logged (non-randomised) traffic. Naive: clicks / impressions, which
# mixes relevance with how high the old ranker tended to put the post. IPS: weight each click by
# 1 / propensity of the position it was shown at; its expectation is the relevance itself (up to
# the scale theta_1, irrelevant for ordering).
logged = ~randomised
flat_items = items[logged].ravel()
flat_clicks = clicks[logged].ravel().astype(float)
flat_weights = 1 / theta_hat[positions[logged].ravel()]
impressions = np.bincount(flat_items, minlength=n_items)
naive = np.bincount(flat_items, flat_clicks, n_items) / impressions
ips = np.bincount(flat_items, flat_clicks * flat_weights, n_items) / impressions

top = 30
true_top = set(np.argsort(-relevance)[:top])
rows = []
for name, est in [("naive CTR", naive), ("IPS-weighted CTR", ips), ("old ranker score", old_score)]:
    rho = spearmanr(est, relevance).statistic
    overlap = len(true_top & set(np.argsort(-est)[:top])) / top
    rows.append((name, rho, overlap))
print(f"\n{'estimate':<20}{'Spearman vs truth':>18}{'true top-30 found':>19}")
for name, rho, overlap in rows:
    print(f"{name:<20}{rho:>18.3f}{overlap:>19.0%}")
(_, rho_naive, top_naive), (_, rho_ips, top_ips), _ = rows
mean_rel_err = np.mean(np.abs(ips - relevance) / relevance)
print(f"IPS mean relative error per post: {mean_rel_err:.1%}")
assert rho_ips > 0.98 and 0.75 < rho_naive < 0.92 and rho_ips > rho_naive + 0.08
assert top_ips >= 0.85 and 0.45 <= top_naive <= 0.67 and top_ips > top_naive + 0.2 and mean_rel_err < 0.08
# the naive error follows the old ranker's mistakes: posts it over-scored look better than they are
bias_of_old = old_score - np.log(relevance / (1 - relevance))
follows = spearmanr(naive / relevance, bias_of_old).statistic
print(f"rank correlation of naive over-estimate with the old ranker's error: {follows:.2f}")
assert follows > 0.7

# %%
# Multi-objective score. 2,000 candidate posts with predicted probabilities of click, like,
# comment, share and hide; 20 % are clickbait (clicked twice as often, liked less, hidden far more).
# Rank by click alone, or by value = sum of weights * probabilities, and compare the top 50 slots.
n = 2_000
bait = rng.random(n) < 0.2
base = rng.beta(2, 18, n)                              # general appeal, mean 0.1
p_click = np.clip(base * np.where(bait, 2.0, 1.0), 0, 1)
p_like = base * np.where(bait, 0.2, 0.5) * rng.uniform(0.5, 1.5, n)
p_comment = base * np.where(bait, 0.03, 0.1) * rng.uniform(0.5, 1.5, n)
p_share = base * np.where(bait, 0.02, 0.05) * rng.uniform(0.5, 1.5, n)
p_hide = np.where(bait, 0.06, 0.005) * rng.uniform(0.5, 1.5, n)
weights = {"click": 1, "like": 2, "comment": 4, "share": 8, "hide": -20}
value = (weights["click"] * p_click + weights["like"] * p_like + weights["comment"] * p_comment
         + weights["share"] * p_share + weights["hide"] * p_hide)

slots = 50
results = {}
for name, score in [("click only", p_click), ("weighted value", value)]:
    chosen = np.argsort(-score)[:slots]
    results[name] = dict(bait=bait[chosen].mean(), clicks=p_click[chosen].sum(),
                         likes=p_like[chosen].sum(), hides=p_hide[chosen].sum())
print(f"\n{'top 50 by':<16}{'clickbait':>10}{'clicks':>8}{'likes':>8}{'hides':>8}")
for name, r in results.items():
    print(f"{name:<16}{r['bait']:>10.0%}{r['clicks']:>8.1f}{r['likes']:>8.1f}{r['hides']:>8.2f}")
c, v = results["click only"], results["weighted value"]
click_loss = 1 - v["clicks"] / c["clicks"]
print(f"weighted value: {click_loss:.0%} fewer clicks, {v['likes'] / c['likes']:.1f}x likes, "
      f"{1 - v['hides'] / c['hides']:.0%} fewer hides")
assert c["bait"] > 0.85 and v["bait"] < 0.05
assert 0.25 < click_loss < 0.45 and 2.5 < v["likes"] / c["likes"] < 3.5 and v["hides"] < 0.12 * c["hides"]

# %%
# Architecture: candidate sources feed a light ranker, a heavy multi-task ranker and a re-ranking
# layer; impressions are logged with their position and propensity for the offline loop.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="News feed ranking architecture. Online row, left to right: feed request, candidate "
        "sources (friends, groups, followed pages), light ranker, heavy multi-task ranker, "
        "re-ranking with diversity, integrity and ads, then the feed. A feature store feeds both "
        "rankers. Impressions with position and propensity go down to the offline row, right to "
        "left: logged impressions and outcomes, position-debiased training data, multi-task "
        "training, offline evaluation and A/B test, which deploys the models to the rankers.",
)
ax.set_xlim(0, 10)
ax.set_ylim(0, 5)
ax.axis("off")


def box(x, y, text, colour, w=1.4):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - 0.4), w, 0.8, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor="black", linewidth=1))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def arrow(a, b):
    ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", linewidth=1.2))


online, offline, store = "#dbe9f6", "#fde9d0", "#e6e6e6"
row = [(0.75, "feed\nrequest"), (2.45, "candidate\nsources"), (4.15, "light\nranker"),
       (5.85, "heavy\nmulti-task\nranker"), (7.55, "re-rank:\ndiversity,\nintegrity, ads"),
       (9.25, "feed")]
for x, t in row:
    box(x, 3.9, t, online, w=1.3 if x < 9 else 0.9)
for (x1, _), (x2, _) in zip(row, row[1:]):
    arrow((x1 + 0.72, 3.9), (x2 - 0.72 if x2 < 9 else x2 - 0.52, 3.9))
box(5.0, 2.55, "feature store", store, w=1.6)
arrow((4.7, 2.97), (4.3, 3.45))
arrow((5.3, 2.97), (5.7, 3.45))
low = [(9.0, "impressions,\nposition,\noutcomes"), (7.1, "debiased\ntraining data"),
       (5.0, "multi-task\ntraining"), (2.9, "offline eval,\nA/B test")]
for x, t in low:
    box(x, 1.0, t, offline, w=1.6)
for (x1, _), (x2, _) in zip(low, low[1:]):
    arrow((x1 - 0.85, 1.0), (x2 + 0.85, 1.0))
arrow((9.25, 3.45), (9.1, 1.45))
arrow((2.9, 1.45), (3.9, 3.45))
ax.text(2.2, 2.4, "deploy", fontsize=9)
ax.text(8.9, 2.45, "log", fontsize=9)
fig.tight_layout()
plt.show()
