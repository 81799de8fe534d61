"""The back-of-the-envelope arithmetic behind any ML system design answer.

From stated assumptions (daily active users, requests per user, candidates scored per request,
logged bytes per impression), computes the average and peak request rate, the number of model
scores per second, the cores the ranking stage needs, and the storage of a year of impression
logs. Splits a 200 ms latency budget across the serving stages, then simulates why fanning a
request out to many shards makes the tail slower than any one shard. Prints a time plan for a
45-minute round and draws the generic pipeline (offline training loop, online serving path).
"""

# %%
# Assumptions, stated once. They are round numbers for a mid-sized consumer product; in an
# interview you say them aloud, and the interviewer corrects them if they matter.
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

DAU = 100e6                  # daily active users
REQUESTS_PER_USER = 10       # feed loads / searches / page views per user per day
PEAK_FACTOR = 3              # busiest hour's rate over the daily average
CANDIDATES = 500             # items the ranking model scores per request
SHOWN = 20                   # items shown (logged impressions) per request
BYTES_PER_IMPRESSION = 500   # ids, context, features snapshot and outcome, compressed
CPU_US_PER_SCORE = 20        # CPU time to score one candidate with the ranking model (µs)
DAY = 86_400

# %%
# Traffic: requests per second on average and at peak, and model scores per second at peak.
# The ranking stage scores every candidate, so its load is the request rate times the candidates.
avg_qps = DAU * REQUESTS_PER_USER / DAY
peak_qps = avg_qps * PEAK_FACTOR
scores_per_s = peak_qps * CANDIDATES
cores = scores_per_s * CPU_US_PER_SCORE * 1e-6        # CPU-seconds needed per second
print(f"average QPS            {avg_qps:>12,.0f}")
print(f"peak QPS               {peak_qps:>12,.0f}")
print(f"scores per second      {scores_per_s:>12,.0f}")
print(f"ranking cores at peak  {cores:>12,.0f}   (before headroom)")
assert 11_500 < avg_qps < 11_650 and 34_000 < peak_qps < 36_000
assert 17e6 < scores_per_s < 18e6 and 340 < cores < 360

# %%
# Storage: every shown item is logged with its context and outcome, because those logs are the
# training data. A day is terabytes; a year needs sampling, compression or tiered storage.
impressions_per_day = DAU * REQUESTS_PER_USER * SHOWN
tb_per_day = impressions_per_day * BYTES_PER_IMPRESSION / 1e12
print(f"\nimpressions per day    {impressions_per_day:>12,.0f}")
print(f"log volume per day     {tb_per_day:>12.1f} TB")
print(f"log volume per year    {tb_per_day * 365 / 1e3:>12.2f} PB")
assert np.isclose(impressions_per_day, 2e10) and np.isclose(tb_per_day, 10.0) and 3.6 < tb_per_day * 365 / 1e3 < 3.7

# %%
# Latency budget: 200 ms at the 99th percentile for the whole request, split across stages.
# The split is a plan to be defended, not a law; the heavy model gets the largest share.
budget = {
    "network and request parsing": 30,
    "feature fetch (user, context)": 20,
    "candidate generation": 30,
    "ranking model": 60,
    "re-ranking and business rules": 15,
    "logging, response assembly": 15,
    "headroom": 30,
}
print(f"\n{'stage':<32}{'ms':>5}")
for stage, ms in budget.items():
    print(f"{stage:<32}{ms:>5}")
print(f"{'total p99 budget':<32}{sum(budget.values()):>5}")
assert sum(budget.values()) == 200  # the plan uses exactly the budget agreed with the product

# %%
# Why headroom: the ranking stage fans out to many shards and waits for the slowest. Each shard's
# latency is lognormal with a 99th percentile of about 40 ms. With 20 shards, far more than 1 % of
# requests meet at least one slow shard: about 1 - 0.99**20, i.e. 18 %.
n_req, shards = 50_000, 20
lat = rng.lognormal(mean=np.log(20), sigma=0.3, size=(n_req, shards))   # ms
p99_one = np.quantile(lat, 0.99)   # pooled over all shards (identical distributions)
p99_fan = np.quantile(lat.max(axis=1), 0.99)
slow_share = (lat.max(axis=1) > p99_one).mean()
print(f"\none shard p99 {p99_one:.1f} ms | slowest of {shards} shards p99 {p99_fan:.1f} ms")
print(f"requests slower than one shard's p99: {slow_share:.1%} (formula {1 - 0.99 ** shards:.1%})")
assert abs(slow_share - (1 - 0.99 ** shards)) < 0.01 and 38 < p99_one < 42
assert 51 < p99_fan < 56 and 1.25 < p99_fan / p99_one < 1.4   # the request's p99 is about a third above a shard's

# %%
# A time plan for a 45-minute round: most minutes go to data, model and serving, and the last
# five are kept for failure modes and the interviewer's follow-ups.
plan = [
    ("clarify requirements", 5), ("frame as an ML task, metrics", 5),
    ("data, labels, features", 8), ("model: baseline to advanced", 10),
    ("serving and estimates", 7), ("evaluation, experiments, monitoring", 5),
    ("failure modes and follow-ups", 5),
]
print(f"\n{'phase':<38}{'min':>4}")
for phase, minutes in plan:
    print(f"{phase:<38}{minutes:>4}")
assert sum(m for _, m in plan) == 45

# %%
# The generic pipeline: the online path (top) serves a request through candidate generation,
# ranking and re-ranking; its logs feed the offline loop (bottom) that builds labels and features,
# trains, evaluates and ships the next model; monitoring watches both.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Generic ML system pipeline. Online row, left to right: request, feature store, "
        "candidate generation, ranking model, re-ranking and business rules, response and logs. "
        "The logs flow down to the offline row, right to left: labels and features, training, "
        "offline evaluation, model registry, which deploys models up to candidate generation "
        "and ranking. A feature pipeline fills the feature store. Monitoring reads the online "
        "path and tracks drift, latency and business metrics.",
)
ax.set_xlim(0, 10)
ax.set_ylim(0, 5)
ax.axis("off")


def box(x, y, text, colour):
    ax.add_patch(FancyBboxPatch((x - 0.65, y - 0.38), 1.3, 0.76, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor="black", linewidth=1))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def arrow(a, b, text=""):
    ax.annotate("", xy=b, xytext=a, arrowprops=dict(arrowstyle="->", linewidth=1.2))
    if text:
        ax.text((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 0.12, text, ha="center", fontsize=9)


online, offline, side = "#dbe9f6", "#fde9d0", "#e6e6e6"
top = [(0.8, "request"), (2.45, "feature\nstore"), (4.1, "candidate\ngeneration"),
       (5.75, "ranking\nmodel"), (7.4, "re-ranking,\nrules"), (9.05, "response\n+ logs")]
for x, text in top:
    box(x, 3.9, text, online)
for (x1, _), (x2, _) in zip(top, top[1:]):
    arrow((x1 + 0.72, 3.9), (x2 - 0.72, 3.9))
bottom = [(9.05, "labels,\nfeatures"), (7.4, "training"), (5.75, "offline\nevaluation"),
          (4.1, "model\nregistry")]
for x, text in bottom:
    box(x, 1.3, text, offline)
for (x1, _), (x2, _) in zip(bottom, bottom[1:]):
    arrow((x1 - 0.72, 1.3), (x2 + 0.72, 1.3))
arrow((9.05, 3.45), (9.05, 1.75), "")
ax.text(9.2, 2.6, "logs", fontsize=9)
arrow((4.1, 1.75), (4.1, 3.45))
arrow((4.5, 1.75), (5.6, 3.45))
ax.text(3.35, 2.6, "deploy", fontsize=9)
box(2.45, 1.3, "feature\npipeline", offline)
arrow((2.45, 1.75), (2.45, 3.45))
box(0.8, 1.3, "monitoring", side)
arrow((0.8, 3.45), (0.8, 1.75))
ax.text(0.9, 0.55, "drift, latency, business metrics", ha="left", fontsize=9)
ax.text(5.0, 4.65, "online (milliseconds)", ha="center", fontsize=10)
ax.text(6.6, 0.3, "offline (hours to days)", ha="center", fontsize=10)
fig.tight_layout()
plt.show()
