"""What ROC AUC measures, and three ways it can mislead.

Checks that the AUC equals the share of (positive, negative) pairs ranked correctly (the
Mann-Whitney U statistic), that it ignores monotone transformations of the scores and the class
ratio, that it can rate a classifier highly while most of its alarms are false on a rare class,
and that two models with the same AUC can differ sharply in the low false-positive region.
"""

# %%
# The probabilistic meaning: AUC = P(score of a random positive > score of a random negative),
# ties counted as one half. Checked by brute force over all pairs and against Mann-Whitney U.
# A deliberately modest model: only three weak features (texture, smoothness, symmetry).
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import mannwhitneyu, norm
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (average_precision_score, brier_score_loss, roc_auc_score,
                             roc_curve)
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_breast_cancer(return_X_y=True)
X, y = X[:, [1, 4, 8]], 1 - y  # positive = malignant
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, stratify=y, random_state=SEED)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_tr, y_tr)
s = model.predict_proba(X_te)[:, 1]
pos, neg = s[y_te == 1], s[y_te == 0]
diff = pos[:, None] - neg[None, :]
pairs = (diff > 0).mean() + 0.5 * (diff == 0).mean()
auc = roc_auc_score(y_te, s)
u = mannwhitneyu(pos, neg).statistic
print(f"AUC {auc:.4f} | correctly ordered pairs {pairs:.4f} | U/(n1 n0) {u / diff.size:.4f}")
assert np.isclose(auc, pairs) and np.isclose(auc, u / diff.size)

# %%
# Only the ranking matters: squaring the probabilities or dividing them by 10 leaves AUC
# unchanged, while a calibration-sensitive score (Brier) gets much worse.
for name, t in [("p", s), ("p ** 2", s ** 2), ("p / 10", s / 10)]:
    print(f"  scores {name:<7} AUC {roc_auc_score(y_te, t):.4f}  Brier {brier_score_loss(y_te, t):.3f}")
assert np.isclose(roc_auc_score(y_te, s / 10), auc) and np.isclose(roc_auc_score(y_te, s ** 2), auc)
assert brier_score_loss(y_te, s / 10) > 1.5 * brier_score_loss(y_te, s)
assert brier_score_loss(y_te, s ** 2) > brier_score_loss(y_te, s)

# %%
# Class ratio: counting every negative 50 times changes neither TPR nor FPR, so AUC is the same,
# but average precision (area under the precision-recall curve) drops sharply.
w = np.where(y_te == 1, 1.0, 50.0)
auc_w = roc_auc_score(y_te, s, sample_weight=w)
ap, ap_w = average_precision_score(y_te, s), average_precision_score(y_te, s, sample_weight=w)
print(f"\nprevalence {y_te.mean():.3f} -> {np.average(y_te, weights=w):.4f}: "
      f"AUC {auc:.3f} -> {auc_w:.3f}, AP {ap:.3f} -> {ap_w:.3f}")
assert np.isclose(auc_w, auc) and ap_w < ap - 0.15

# %%
# A rare class: 1 % positives, scores from two Gaussians one standard deviation apart
# (AUC about 0.76) and two and a half apart (about 0.96). At the threshold that catches 80 % of
# positives, the FPR looks modest, yet most alarms are false.
rng = np.random.default_rng(SEED)
n_neg, n_pos = 99_000, 1_000
y_rare = np.r_[np.zeros(n_neg), np.ones(n_pos)]
print("\n1 % positives   AUC   FPR at 80 % recall   precision there")
for gap in (1.0, 2.5):
    score = np.r_[rng.normal(0, 1, n_neg), rng.normal(gap, 1, n_pos)]
    fpr, tpr, thr = roc_curve(y_rare, score)
    k = np.searchsorted(tpr, 0.8)
    precision = tpr[k] * n_pos / (tpr[k] * n_pos + fpr[k] * n_neg)
    a = roc_auc_score(y_rare, score)
    print(f"  gap {gap:.1f}      {a:.3f}        {fpr[k]:.3f}             {precision:.3f}")
    assert abs(a - norm.cdf(gap / np.sqrt(2))) < 0.03  # binormal formula, up to sampling noise
    if gap == 2.5:
        assert a > 0.95 and fpr[k] < 0.1 and precision < 0.25

# %%
# Same AUC, different curves. Model A: positives N(1.5, 1). Model B: positives N(d, 2) with d
# chosen so that the binormal AUC Phi(d / sqrt(1 + sigma^2)) is the same. B's wide positive tail
# wins at low FPR and loses at high FPR; the standardised partial AUC up to FPR 0.1 tells them apart.
d_a, sd_b = 1.5, 2.0
d_b = d_a / np.sqrt(2) * np.sqrt(1 + sd_b ** 2)
n = 20_000
y2 = np.r_[np.zeros(n), np.ones(n)]
neg2 = rng.normal(0, 1, n)
score_a = np.r_[neg2, rng.normal(d_a, 1, n)]
score_b = np.r_[neg2, rng.normal(d_b, sd_b, n)]
auc_a, auc_b = roc_auc_score(y2, score_a), roc_auc_score(y2, score_b)
pauc_a, pauc_b = (roc_auc_score(y2, score_a, max_fpr=0.1), roc_auc_score(y2, score_b, max_fpr=0.1))
print(f"\nmodel A: AUC {auc_a:.3f}, partial AUC (FPR<=0.1) {pauc_a:.3f}")
print(f"model B: AUC {auc_b:.3f}, partial AUC (FPR<=0.1) {pauc_b:.3f}")
assert abs(auc_a - auc_b) < 0.01 and pauc_b > pauc_a + 0.05


def tpr_at(fpr_target, scores):
    fpr, tpr, _ = roc_curve(y2, scores)
    return np.interp(fpr_target, fpr, tpr)


assert tpr_at(0.01, score_b) > tpr_at(0.01, score_a) + 0.1   # B better at low FPR
assert tpr_at(0.5, score_b) < tpr_at(0.5, score_a)           # A better at high FPR

# %%
# Figure: the two ROC curves with equal area that cross.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Two ROC curves with the same area under the curve that cross: model B has a higher "
        "true-positive rate at low false-positive rates, model A at high ones",
)
for scores, label in [(score_a, f"model A (AUC {auc_a:.2f})"), (score_b, f"model B (AUC {auc_b:.2f})")]:
    fpr, tpr, _ = roc_curve(y2, scores)
    ax.plot(fpr, tpr, label=label)
ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="random ranking")
ax.axvspan(0, 0.1, color="tab:green", alpha=0.1, label="FPR up to 0.1")
ax.set_xlabel("false-positive rate")
ax.set_ylabel("true-positive rate")
ax.legend(frameon=False, loc="lower right")
fig.tight_layout()
plt.show()
