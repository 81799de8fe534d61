"""Imbalanced classes: why accuracy misleads, which metrics help, and what the usual fixes do.

A 98 / 2 toy problem shows the majority-class trap. A synthetic problem with about 2 % positives
then compares a plain logistic regression, the same model with a tuned threshold, a class-weighted
model and a randomly oversampled one, and checks what weighting does to predicted probabilities.
"""

# %%
# The trap: always predict the majority class on a 98 / 2 data set. Precision for the minority
# class is 0 / 0 because nothing is predicted positive; zero_division=np.nan makes scikit-learn
# return NaN quietly instead of warning and returning 0.
import os
import numpy as np
import matplotlib.pyplot as plt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score, average_precision_score, balanced_accuracy_score, brier_score_loss,
    f1_score, matthews_corrcoef, precision_recall_curve, precision_score, recall_score,
    roc_auc_score, roc_curve,
)
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

y_toy = np.r_[np.zeros(980, dtype=int), np.ones(20, dtype=int)]
pred_toy = np.zeros_like(y_toy)  # "always the majority class"
assert not pred_toy.any()  # no positive predictions at all, so TP + FP = 0
toy = {
    "accuracy": accuracy_score(y_toy, pred_toy),
    "recall": recall_score(y_toy, pred_toy),
    "precision": precision_score(y_toy, pred_toy, zero_division=np.nan),
    "balanced accuracy": balanced_accuracy_score(y_toy, pred_toy),
    "MCC": matthews_corrcoef(y_toy, pred_toy),
}
print("Always-majority classifier on 980 negatives + 20 positives")
for name, value in toy.items():
    print(f"  {name:<18} {value:.3f}")
assert np.isclose(toy["accuracy"], 0.98)
assert toy["recall"] == 0.0
assert np.isnan(toy["precision"])  # undefined, not zero
assert np.isclose(toy["balanced accuracy"], 0.5) and toy["MCC"] == 0.0

# %%
# A learnable imbalanced problem: two Gaussian classes with a shared covariance (so logistic
# regression is the right model family), about 2 % positives. Stratified splits keep the
# positive rate the same in train, validation and test.
rng = np.random.default_rng(SEED)
n, d, pos_rate = 40_000, 8, 0.02
y = (rng.random(n) < pos_rate).astype(int)
direction = np.r_[1.1, 0.8, 0.6, 0.4, np.zeros(d - 4)]
shift = 1.8 * direction / np.linalg.norm(direction)       # class separation: 1.8 sd
mix = rng.normal(size=(d, d)) / np.sqrt(d)                 # correlates the features; a linear
X = (rng.normal(size=(n, d)) + np.outer(y, shift)) @ mix   # map leaves the separation as is
X_tmp, X_test, y_tmp, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)
X_tr, X_val, y_tr, y_val = train_test_split(
    X_tmp, y_tmp, test_size=0.3, stratify=y_tmp, random_state=SEED)
rates = [y_tr.mean(), y_val.mean(), y_test.mean()]
assert max(rates) - min(rates) < 0.002  # stratification at work
prior = y_tr.mean()

# %%
# Four models. "tuned" is the plain model with the threshold that maximises F1 on the
# validation set; "oversampled" duplicates random minority rows until the classes are equal.
plain = LogisticRegression().fit(X_tr, y_tr)
weighted = LogisticRegression(class_weight="balanced").fit(X_tr, y_tr)

pos_idx = np.flatnonzero(y_tr == 1)
extra = rng.choice(pos_idx, size=(y_tr == 0).sum() - pos_idx.size, replace=True)
X_os, y_os = np.r_[X_tr, X_tr[extra]], np.r_[y_tr, y_tr[extra]]
oversampled = LogisticRegression().fit(X_os, y_os)

prec_v, rec_v, thr_v = precision_recall_curve(y_val, plain.predict_proba(X_val)[:, 1])
f1_v = 2 * prec_v[:-1] * rec_v[:-1] / np.maximum(prec_v[:-1] + rec_v[:-1], 1e-12)
best_thr = thr_v[np.argmax(f1_v)]

p_plain = plain.predict_proba(X_test)[:, 1]
p_weighted = weighted.predict_proba(X_test)[:, 1]
p_over = oversampled.predict_proba(X_test)[:, 1]
rows = [  # (key, label, probabilities, threshold)
    ("plain", "plain @0.5", p_plain, 0.5),
    ("tuned", f"plain @{best_thr:.2f} (tuned)", p_plain, best_thr),
    ("balanced", "balanced @0.5", p_weighted, 0.5),
    ("oversampled", "oversampled @0.5", p_over, 0.5),
]
res = {}
print(f"\nTest set: {y_test.size} rows, positive rate {y_test.mean():.3f}")
print(f"{'model':<20} {'prec':>5} {'rec':>5} {'F1':>5} {'BA':>5} {'MCC':>5}"
      f" {'ROC':>5} {'AP':>5} {'mean p':>6}")
for key, label, p, t in rows:
    yhat = (p >= t).astype(int)
    r = res[key] = dict(
        prec=precision_score(y_test, yhat, zero_division=np.nan),
        rec=recall_score(y_test, yhat), f1=f1_score(y_test, yhat),
        ba=balanced_accuracy_score(y_test, yhat), mcc=matthews_corrcoef(y_test, yhat),
        roc=roc_auc_score(y_test, p), ap=average_precision_score(y_test, p), mean_p=p.mean())
    print(f"{label:<20} " + " ".join(f"{r[k]:>5.3f}" for k in
          ["prec", "rec", "f1", "ba", "mcc", "roc", "ap"]) + f" {r['mean_p']:>6.3f}")
plain_r, tuned_r, bal_r, over_r = res["plain"], res["tuned"], res["balanced"], res["oversampled"]
print(f"No-skill AP baseline = positive rate = {y_test.mean():.3f}")

# Ranking quality: weighting/oversampling barely move ROC-AUC or AP, and AP is far above its
# baseline but far below ROC-AUC (ROC looks rosier because FPR divides by the many negatives).
assert abs(bal_r["roc"] - plain_r["roc"]) < 0.01 and abs(bal_r["ap"] - plain_r["ap"]) < 0.03
assert abs(over_r["roc"] - plain_r["roc"]) < 0.01 and abs(over_r["ap"] - bal_r["ap"]) < 0.01
assert plain_r["ap"] > 5 * y_test.mean()
assert plain_r["roc"] > 0.85 and plain_r["roc"] - plain_r["ap"] > 0.3
# At 0.5, the plain model rarely says "positive"; the weighted one says it far too often.
assert plain_r["rec"] < 0.3 and bal_r["rec"] > 0.7 and bal_r["prec"] < 0.2
assert bal_r["ba"] > plain_r["ba"] + 0.2
# Threshold moving on validation data gives the best F1 and MCC on the test set.
assert best_thr < 0.35
assert tuned_r["f1"] > max(plain_r["f1"], bal_r["f1"], over_r["f1"]) + 0.05
assert tuned_r["mcc"] > max(plain_r["mcc"], bal_r["mcc"], over_r["mcc"])

# %%
# ROC looks rosy: at 80 % recall the false-positive rate is moderate, yet most alarms are false.
fpr, tpr, thr_roc = roc_curve(y_test, p_plain)
k = np.argmax(tpr >= 0.8)
alarms = p_plain >= thr_roc[k]
prec_at_80 = y_test[alarms].mean()
print(f"At recall {tpr[k]:.2f}: FPR {fpr[k]:.3f} but precision {prec_at_80:.3f}")
assert fpr[k] < 0.25 and prec_at_80 < 0.2

# %%
# Weighting is (almost) threshold moving in disguise: the balanced model's 0.5 cut agrees with
# the plain model cut at the training prior. Its probabilities, however, answer a question about
# a 50 / 50 world; the prior-shift correction logit + log(prior / (1 - prior)) brings them back.
agree = ((p_weighted >= 0.5) == (p_plain >= prior)).mean()
logit = np.log(p_weighted / (1 - p_weighted))
p_fixed = 1 / (1 + np.exp(-(logit + np.log(prior / (1 - prior)))))
brier = {name: brier_score_loss(y_test, p) for name, p in
         [("plain", p_plain), ("balanced", p_weighted), ("balanced, corrected", p_fixed)]}
print(f"Balanced@0.5 vs plain@prior ({prior:.3f}): same decision on {agree:.1%} of test rows")
print(f"Mean predicted probability: plain {p_plain.mean():.3f}, balanced {p_weighted.mean():.3f},"
      f" corrected {p_fixed.mean():.3f}")
print("Brier score: " + ", ".join(f"{k} {v:.4f}" for k, v in brier.items()))
assert agree > 0.95
assert p_weighted.mean() > 5 * y_test.mean() and p_over.mean() > 5 * y_test.mean()
assert 0.5 * y_test.mean() < p_fixed.mean() < 2 * y_test.mean()
assert 0.5 * y_test.mean() < p_plain.mean() < 2 * y_test.mean()
assert brier["balanced"] > 3 * brier["plain"] and brier["balanced, corrected"] < brier["balanced"]

# %%
# Figure: precision-recall curves with the no-skill line, and F1 against threshold on the
# validation set for the plain model.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 3.8),
    num="Left, precision-recall curves of the plain and class-weighted logistic "
        "regressions almost coincide, far above the flat no-skill line at the 2 % positive "
        "rate, with each model's 0.5-threshold operating point marked at very different spots; "
        "right, validation precision, recall and F1 of the plain model against the threshold, "
        "with the F1-maximising threshold well below 0.5.")
for p, label, colour in [(p_plain, "plain", "C0"), (p_weighted, "class_weight='balanced'", "C1")]:
    pr, rc, _ = precision_recall_curve(y_test, p)
    ax1.plot(rc, pr, color=colour, label=f"{label} (AP {average_precision_score(y_test, p):.2f})")
    yhat = p >= 0.5
    ax1.plot(recall_score(y_test, yhat), precision_score(y_test, yhat), "o", color=colour,
             ms=8, mec="k", zorder=3)
ax1.axhline(y_test.mean(), color="grey", ls="--", label="no skill (positive rate)")
ax1.set(xlabel="recall", ylabel="precision", title="Test PR curves (dots: threshold 0.5)")
ax1.legend(fontsize=8)
ax2.plot(thr_v, prec_v[:-1], label="precision")
ax2.plot(thr_v, rec_v[:-1], label="recall")
ax2.plot(thr_v, f1_v, label="F1")
ax2.axvline(best_thr, color="k", ls=":", label=f"best F1 at {best_thr:.2f}")
ax2.axvline(0.5, color="grey", ls="--", lw=0.8)
ax2.set(xlabel="threshold on P(positive)", title="Plain model, validation set")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
