"""Ads click-through-rate prediction: load, normalised cross-entropy, calibration, downsampling.

Computes the prediction load and training-data volume of an ads system from stated
assumptions. On synthetic impressions with a 1 to 2 % click rate, fits logistic regression on all
data and on data whose negatives were downsampled to 5 %, and measures AUC, normalised
cross-entropy (log loss divided by the entropy of the background click rate, He et al. 2014) and
calibration (average prediction over observed rate). Shows that downsampling inflates the
predicted rates, that the correction q = p / (p + (1 - p) / w) restores calibration and the full
model's normalised cross-entropy, and that a miscalibrated model keeps its AUC but loses on
normalised cross-entropy. Draws the architecture.
"""

# %%
# Assumptions (round numbers for a large ads platform).
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

DAU = 300e6              # daily active users
AD_REQUESTS = 15         # ad requests per user per day (each fills about 2 slots)
SLOTS = 2
PEAK = 2                 # peak over average
SCORED = 200             # ads per request scored by the CTR model (after targeting, a light model)
CTR = 0.01               # average click-through rate
W = 0.05                 # share of negatives kept for training
ROW_BYTES = 1_000        # one training row with its features

requests = DAU * AD_REQUESTS
peak_qps = PEAK * requests / 86_400
preds_per_s = peak_qps * SCORED
impressions = requests * SLOTS
rows = impressions * CTR + W * impressions * (1 - CTR)
print(f"ad requests per day        {requests:>16,.0f}")
print(f"peak ad requests/s         {peak_qps:>16,.0f}")
print(f"CTR predictions/s (peak)   {preds_per_s:>16,.0f}")
print(f"impressions per day        {impressions:>16,.0f}")
print(f"training rows per day      {rows:>16,.0f}  ({rows / impressions:.1%} of impressions)")
print(f"training data per day      {rows * ROW_BYTES / 1e12:>16.2f} TB  (all rows: "
      f"{impressions * ROW_BYTES / 1e12:.0f} TB)")
assert 104_000 < peak_qps < 104_500 and 2.08e7 < preds_per_s < 2.09e7
assert 0.05 < rows / impressions < 0.06 and 0.5 < rows * ROW_BYTES / 1e12 < 0.55

# Latency: the ad server answers within 100 ms at p99; the CTR model gets the largest slice.
budget = {"targeting, retrieval": 20, "feature fetch": 15, "light model": 10, "CTR model": 30,
          "auction, pacing": 10, "headroom": 15}
print(f"\n{'stage':<24}{'ms':>4}")
for stage, ms in budget.items():
    print(f"{stage:<24}{ms:>4}")
assert sum(budget.values()) == 100  # the plan fits the ad server's budget

# %%
# Synthetic impressions: 20 features, true click probability from a logistic model with an
# intercept that puts the click rate near 1.5 %. Train on the first 300,000, test on the next.
n, d = 600_000, 20
X = rng.normal(0, 1, (n, d))
beta = rng.normal(0, 0.2, d)
p_true = 1 / (1 + np.exp(-(-4.5 + X @ beta)))
y = rng.random(n) < p_true
tr, te = slice(0, n // 2), slice(n // 2, n)


def normalised_ce(y_true, p):
    """He et al. (2014): average log loss divided by the entropy of the background CTR."""
    base = y_true.mean()
    return log_loss(y_true, p) / -(base * np.log(base) + (1 - base) * np.log(1 - base))


def report(name, p):
    calib = p.mean() / y[te].mean()
    ne = normalised_ce(y[te], p)
    auc = roc_auc_score(y[te], p)
    print(f"{name:<30}{auc:>7.4f}{ne:>8.4f}{calib:>13.3f}")
    return auc, ne, calib


print(f"\ntest click rate {y[te].mean():.2%}")
print(f"{'model':<30}{'AUC':>7}{'NE':>8}{'calibration':>13}")
full = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr], y[tr])
p_full = full.predict_proba(X[te])[:, 1]
auc_full, ne_full, cal_full = report("all training data", p_full)

# %%
# Negative downsampling: keep every click and 5 % of non-clicks. The model trains on 20x fewer
# negatives, and its predicted rates are inflated because it saw a click rate about 20x too high.
keep = y[tr] | (rng.random(n // 2) < W)
down = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr][keep], y[tr][keep])
p_down = down.predict_proba(X[te])[:, 1]
auc_down, ne_down, cal_down = report(f"negatives kept at w = {W}", p_down)

# Recalibration: the odds were multiplied by 1 / w, so divide them back: q = p / (p + (1 - p) / w).
q = p_down / (p_down + (1 - p_down) / W)
auc_q, ne_q, cal_q = report("  ... recalibrated", q)

# A calibration error alone: the full model's predictions times 1.5 rank the same, score worse.
auc_s, ne_s, cal_s = report("all data, predictions x 1.5", np.clip(1.5 * p_full, 0, 1))
print(f"training rows used: {keep.sum():,} of {n // 2:,} ({keep.mean():.1%})")

assert 0.9 < cal_full < 1.1 and 10 < cal_down < 18 and 0.9 < cal_q < 1.1
assert ne_down > 3 * ne_full                      # inflated predictions: far worse log loss
assert abs(ne_q - ne_full) < 0.005 * ne_full      # after the correction, as good as all data
assert abs(auc_down - auc_full) < 0.005           # ranking barely changed by downsampling
assert 1.01 < ne_s / ne_full < 1.04 and 1.35 < cal_s < 1.65   # NE sees the scaling, AUC cannot
assert abs(auc_s - auc_full) < 1e-9                           # 'leaves the AUC unchanged'
assert 0.012 < y[te].mean() < 0.02   # "click rate around 1.5 %"
assert 0.06 < keep.mean() < 0.07     # 'trained on 6 to 7 % of the rows'

# %%
# Architecture: retrieval and a light model pick candidates, the CTR model predicts, the auction
# ranks by bid times predicted CTR; logged impressions are joined with clicks after a wait window,
# downsampled, trained on continuously, recalibrated and deployed.
fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Ads click-through-rate architecture. Online row, left to right: ad request, targeting "
        "and candidate retrieval, light model, CTR model, auction ranking by bid times predicted "
        "CTR, ad shown. A feature store feeds the light and CTR models. Impressions and clicks "
        "flow down to the offline row, right to left: click joiner with a wait window, negative "
        "downsampling, continuous training, recalibration and evaluation, which deploys the CTR "
        "model.",
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
row = [(0.7, "ad\nrequest"), (2.35, "targeting,\nretrieval"), (4.0, "light\nmodel"),
       (5.65, "CTR\nmodel"), (7.3, "auction:\nbid x pCTR"), (9.0, "ad\nshown")]
for x, t in row:
    box(x, 3.9, t, online, w=1.25)
for (x1, _), (x2, _) in zip(row, row[1:]):
    arrow((x1 + 0.68, 3.9), (x2 - 0.68, 3.9))
box(2.6, 2.55, "feature store", store, w=1.6)
arrow((3.0, 2.97), (3.8, 3.45))
arrow((3.45, 2.75), (5.3, 3.45))
low = [(9.0, "impressions\n+ clicks joined\n(wait window)"), (7.0, "negative\ndownsampling"),
       (5.0, "continuous\ntraining"), (3.0, "recalibrate,\nevaluate (NE)")]
for x, t in low:
    box(x, 1.0, t, offline, w=1.6)
for (x1, _), (x2, _) in zip(low, low[1:]):
    arrow((x1 - 0.85, 1.0), (x2 + 0.85, 1.0))
arrow((9.0, 3.45), (9.0, 1.45))
arrow((3.6, 1.45), (5.85, 3.45))
ax.text(5.0, 2.2, "deploy", fontsize=9)
ax.text(9.1, 2.45, "log", fontsize=9)
fig.tight_layout()
plt.show()
