"""What a payment fraud detection system rests on: load, review capacity, label delay, costs.

Estimates the load and the latency budget of a synchronous authorisation check from stated
assumptions, then simulates 120 days of card transactions in which fraud is rare (0.5 %) and its
pattern drifts. On that data it measures precision at a fixed daily review capacity (top-k), shows
how few recent frauds a training set can see when chargebacks arrive weeks later, what that does
to a model's ranking and to its probabilities, and compares a fixed threshold with a cost-based
one that blocks a payment when its expected fraud loss exceeds the cost of a false decline.
Finally it draws the architecture.
"""

# %%
# Back-of-the-envelope load from stated assumptions (a mid-sized card issuer; change them freely).
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

TX_PER_DAY = 40e6          # card authorisations a day
PEAK_TO_MEAN = 4.0         # peak second vs the daily mean (lunchtime, sales days)
CARDS = 200e6              # cards with an online feature row
FEATURES, BYTES = 300, 4   # features per card, float32
QUEUE_SHARE = 0.0005       # share of transactions sent to manual review
CASES_PER_HOUR, HOURS = 12, 7

mean_tps = TX_PER_DAY / 86_400
peak_tps = PEAK_TO_MEAN * mean_tps
store_gb = CARDS * FEATURES * BYTES / 1e9
reviews = TX_PER_DAY * QUEUE_SHARE
analysts = reviews / (CASES_PER_HOUR * HOURS)
print(f"mean {mean_tps:,.0f} tx/s, peak {peak_tps:,.0f} tx/s; online feature store {store_gb:,.0f} GB")
print(f"review queue {reviews:,.0f} cases/day -> {analysts:,.0f} analysts on shift")
assert 450 < mean_tps < 470 and 1_800 < peak_tps < 1_900 and store_gb == 240
assert 230 < analysts < 245

# %%
# Latency budget of the synchronous path: the issuer must answer the authorisation request, so the
# fraud check gets a fixed slice of it (assumed 100 ms at p99). Each stage's p99 is an assumption;
# summing p99s is usually pessimistic, which is the safe direction for a budget.
BUDGET_MS = 100
stages = {"network and request parsing": 10, "online feature store reads": 20,
          "streaming velocity aggregates": 10, "model scoring (GBDT)": 10,
          "rules and decision": 5}
total = sum(stages.values())
for name, ms in stages.items():
    print(f"  {name:<31} {ms:>3} ms")
print(f"  {'total':<31} {total:>3} ms of {BUDGET_MS} ms -> headroom {BUDGET_MS - total} ms")
assert total == 55 and BUDGET_MS - total >= 40

# %%
# Synthetic transactions: 120 days x 3,000 a day, 0.5 % fraud. Fraud differs from legitimate traffic
# by a stable signal (feature 2) and a pattern that rotates slowly in features 0-1 as fraudsters
# change tactics (0.01 radian a day). The amount is independent of the label, lognormal.
rng = np.random.default_rng(SEED)
DAYS, PER_DAY, PREVALENCE, DIM = 120, 3_000, 0.005, 6
day = np.repeat(np.arange(DAYS), PER_DAY)
n = day.size
y = rng.random(n) < PREVALENCE
angle = 0.01 * day
shift = np.zeros((n, DIM))
shift[:, 0], shift[:, 1], shift[:, 2] = 2.5 * np.cos(angle), 2.5 * np.sin(angle), 1.5
X = rng.normal(size=(n, DIM)) + y[:, None] * shift
amount = rng.lognormal(np.log(50), 1.0, n)
# Chargeback delay: lognormal, median 20 days, about 6 % later than 60 days.
delay = rng.lognormal(np.log(20), 0.7, n)

# %%
# Label delay: train on day T = 100. A fraud is known only if its chargeback has arrived.
T, TEST_DAYS, K = 100, 20, 10          # K = review capacity, transactions a day (0.33 %)
known = y & (day + delay <= T)
last30 = (day >= T - 30) & (day < T)
window90 = (day >= T - 90) & (day < T)
seen30 = known[last30].sum() / y[last30].sum()
seen90 = known[window90].sum() / y[window90].sum()
window_old = (day >= T - 75) & (day < T - 45)
seen_old = known[window_old].sum() / y[window_old].sum()
print(f"\nfrauds visible at training time: last 30 days {seen30:.0%}, last 90 days {seen90:.0%}, "
      f"days T-75 to T-45 {seen_old:.0%}")
assert 0.28 < seen30 < 0.40 and 0.68 < seen90 < 0.78
assert 0.87 < seen_old < 0.97                     # 45+ days old: about 90 % labelled

# %%
# Three training sets for the same logistic model, each on 30 days of data:
#   oracle  - the last 30 days with every label (impossible in production; the upper bound),
#   naive   - the last 30 days, frauds without a chargeback yet counted as legitimate,
#   matured - days T-75 .. T-45, whose labels are about 90 % complete but whose pattern is older.
# Legitimate rows are down-sampled to 10 % for speed (all frauds kept); the probabilities are
# corrected for the sampling (Dal Pozzolo et al., 2015): p = b p_s / (b p_s - p_s + 1), b = 0.1.
NEG_RATE = 0.1
keep = rng.random(n) < NEG_RATE
test = (day >= T) & (day < T + TEST_DAYS)


def fit(rows, labels):
    """Logistic model on the rows, every positive and a 10 % sample of negatives."""
    rows = rows & (keep | labels)
    return LogisticRegression().fit(X[rows], labels[rows])


def probability(model):
    p_s = model.predict_proba(X)[:, 1]
    return NEG_RATE * p_s / (NEG_RATE * p_s - p_s + 1)


def precision_at_k(score):
    """Mean over test days of the fraud share among the day's K highest scores."""
    hits = [y[np.flatnonzero(day == d)[np.argsort(-score[day == d])[:K]]].mean()
            for d in range(T, T + TEST_DAYS)]
    return float(np.mean(hits))


matured = window_old
models = {"oracle": fit(last30, y), "naive": fit(last30, known), "matured": fit(matured, known)}
p = {name: probability(m) for name, m in models.items()}
prec = {name: precision_at_k(p[name]) for name in models}
rate = y[test].mean()
print(f"\ntest days: fraud rate {rate:.4f} ({rate * PER_DAY:.0f} frauds a day), capacity {K} a day")
print("training set   precision@K   mean predicted p on test")
for name in models:
    print(f"  {name:<10}       {prec[name]:.2f}          {p[name][test].mean():.4f}")
assert 0.55 < prec["oracle"] < 0.7
assert 0.1 < prec["oracle"] - prec["matured"] < 0.25    # stale labels cost precision under drift
assert prec["naive"] > prec["matured"] + 0.05           # recent-but-incomplete ranks better here
assert prec["oracle"] - prec["naive"] < 0.08            # ranking barely hurt by missing positives
assert 0.75 < p["oracle"][test].mean() / rate < 1.25    # oracle probabilities calibrated on average
assert p["naive"][test].mean() / rate < 0.5             # naive ones far too low

# %%
# Cost-based decision on the test days. Declining a legitimate payment costs C_FP (lost margin and
# an annoyed customer, assumed 10); approving a fraud loses its amount. Decline when
# p * amount > (1 - p) * C_FP, i.e. p > C_FP / (C_FP + amount): the threshold falls as the amount
# grows. Compare with approving everything and with a fixed threshold p > 0.5. The loss is the
# expected one under the simulator's true fraud probability q (known here, from the Gaussian
# likelihood ratio), which removes the noise of a few large amounts.
C_FP = 10.0
log_lr = np.einsum("ij,ij->i", X, shift) - 0.5 * np.einsum("ij,ij->i", shift, shift)
q = 1 / (1 + (1 - PREVALENCE) / PREVALENCE * np.exp(-log_lr))


def expected_loss(decline):
    t = test
    return float(np.sum(q[t] * amount[t] * ~decline[t]) + C_FP * np.sum((1 - q[t]) * decline[t]))


cost_threshold = C_FP / (C_FP + amount)
policies = {
    "approve all": np.zeros(n, bool),
    "p > 0.5 (oracle p)": p["oracle"] > 0.5,
    "cost rule, oracle p": p["oracle"] > cost_threshold,
    "cost rule, naive p": p["naive"] > cost_threshold,
    "cost rule, true q": q > cost_threshold,
}
costs = {name: expected_loss(d) for name, d in policies.items()}
print(f"\npolicy on {TEST_DAYS} test days    expected loss   declines")
for name, d in policies.items():
    print(f"  {name:<22} {costs[name]:>9,.0f}      {d[test].sum():>6}")
best = costs["cost rule, oracle p"]
assert best < 0.8 * costs["p > 0.5 (oracle p)"] and 0.35 < best / costs["approve all"] < 0.5
declines = {name: d[test].sum() for name, d in policies.items()}
assert 3.0 < declines["cost rule, oracle p"] / declines["p > 0.5 (oracle p)"] < 4.6
extra = policies["cost rule, oracle p"] & ~policies["p > 0.5 (oracle p)"] & test
large = (amount[extra] > np.median(amount[test])).mean()
print(f"extra declines of the cost rule with an above-median amount: {large:.0%}")
assert large > 0.7                                       # the cost rule declines large payments
assert costs["cost rule, naive p"] > 1.12 * best        # miscalibration costs money
assert costs["cost rule, true q"] <= best               # the Bayes rule is the floor

# %%
# Architecture: the synchronous scoring path (top), the asynchronous label and training loop
# (bottom), and the human review queue between them.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Architecture of a payment fraud system. Online path, left to right: a payment request "
        "goes to the risk API, which reads the online feature store and streaming velocity "
        "aggregates, scores the transaction with the model and rules, and returns approve, "
        "step-up challenge or decline; a capped share goes to the analyst review queue. Offline "
        "loop: the event log feeds the streaming aggregates and the training data; analyst "
        "decisions arrive in hours and chargebacks weeks later as labels; the training pipeline "
        "builds point-in-time features, trains and validates a model, and the model registry "
        "deploys it to the scorer after a shadow test.")
ax.set_xlim(-0.1, 9.9)
ax.set_ylim(0, 5)
ax.axis("off")
ONLINE, OFFLINE, HUMAN = "#dbe9f6", "#eeeeee", "#fde2c8"
boxes = {
    "request": (0.8, 4.0, "payment\nrequest", ONLINE),
    "api": (2.85, 4.0, "risk API", ONLINE),
    "store": (2.85, 2.5, "online feature\nstore", ONLINE),
    "stream": (4.9, 2.5, "streaming\nvelocity\naggregates", ONLINE),
    "score": (4.9, 4.0, "model + rules\nscoring", ONLINE),
    "decision": (6.95, 4.0, "approve /\nchallenge /\ndecline", ONLINE),
    "review": (9.0, 4.0, "analyst review\nqueue (top k)", HUMAN),
    "log": (6.95, 2.5, "event log", OFFLINE),
    "labels": (9.0, 1.0, "labels: reviews\n(hours), charge-\nbacks (weeks)", HUMAN),
    "train": (6.0, 1.0, "training pipeline\n(point-in-time\nfeatures)", OFFLINE),
    "registry": (2.85, 1.0, "model registry\n+ shadow test", OFFLINE),
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


for a, b in [("request", "api"), ("api", "store"), ("api", "score"), ("stream", "score"),
             ("store", "score"), ("score", "decision"), ("decision", "review"),
             ("decision", "log"), ("log", "stream"), ("review", "labels"), ("log", "train"),
             ("labels", "train"), ("train", "registry"), ("registry", "score")]:
    ax.annotate("", xy=edge(b, a), xytext=edge(a, b),
                arrowprops=dict(arrowstyle="->", linewidth=1.0, color="black"))
ax.text(0.1, 4.75, "synchronous path (p99 budget 100 ms)", fontsize=9)
ax.text(0.1, 0.15, "asynchronous: labels, training, deployment", fontsize=9)
fig.tight_layout()
plt.show()
