"""Precision, recall and F1 from a confusion matrix, and how they move with the threshold.

A scaled logistic regression predicts malignant tumours in scikit-learn's breast-cancer data.
The program computes the three metrics by hand from the confusion matrix, sweeps the decision
threshold to show the precision-recall trade-off, contrasts the harmonic mean with the arithmetic
mean on a degenerate classifier, shows that precision depends on prevalence while recall does not,
and compares macro and micro averaging on a multi-class problem.
"""

# %%
# Data and model. In load_breast_cancer, target 1 means benign, so flip it: the positive class
# is "malignant", the case a screening test must not miss.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score, fbeta_score, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y_benign = load_breast_cancer(return_X_y=True)
y = 1 - y_benign
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.4, stratify=y, random_state=SEED)
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05)).fit(X_tr, y_tr)
p = model.predict_proba(X_te)[:, 1]

# %%
# The three metrics by hand, from the four cells of the confusion matrix at threshold 0.5.
yhat = (p >= 0.5).astype(int)
tn, fp, fn, tp = confusion_matrix(y_te, yhat).ravel()
precision = tp / (tp + fp)
recall = tp / (tp + fn)
f1 = 2 * precision * recall / (precision + recall)
print(f"test set: {y_te.size} tumours, {y_te.sum()} malignant")
print(f"threshold 0.5: TP={tp} FP={fp} FN={fn} TN={tn}")
print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
assert np.isclose(precision, precision_score(y_te, yhat))
assert np.isclose(recall, recall_score(y_te, yhat))
assert np.isclose(f1, f1_score(y_te, yhat))
assert np.isclose(f1, 2 * tp / (2 * tp + fp + fn))  # F1 never uses TN

# %%
# Threshold sweep: lowering the threshold raises recall and usually lowers precision.
# F-beta with beta = 2 weights recall more and picks a lower threshold than F1.
thresholds = np.linspace(0.02, 0.98, 97)
curves = {"precision": [], "recall": [], "F1": [], "F2": []}
for t in thresholds:
    pred = (p >= t).astype(int)
    curves["precision"].append(precision_score(y_te, pred, zero_division=1.0))
    curves["recall"].append(recall_score(y_te, pred))
    curves["F1"].append(f1_score(y_te, pred))
    curves["F2"].append(fbeta_score(y_te, pred, beta=2))
curves = {k: np.array(v) for k, v in curves.items()}
t_f1 = thresholds[np.argmax(curves["F1"])]
t_f2 = thresholds[np.argmax(curves["F2"])]
print("\nthreshold  precision  recall     F1")
for t in (0.1, 0.3, 0.5, 0.7, 0.9):
    i = np.argmin(np.abs(thresholds - t))
    print(f"{t:9.1f}  {curves['precision'][i]:9.3f}  {curves['recall'][i]:6.3f}  "
          f"{curves['F1'][i]:5.3f}")
print(f"best threshold for F1 {t_f1:.2f}, for F2 {t_f2:.2f}")
assert np.all(np.diff(curves["recall"]) <= 0)  # recall can only fall as the threshold rises
i_lo, i_hi = np.argmin(np.abs(thresholds - 0.1)), np.argmin(np.abs(thresholds - 0.9))
assert curves["recall"][i_lo] > curves["recall"][i_hi]
assert curves["precision"][i_lo] < curves["precision"][i_hi]
assert curves["recall"][i_lo] >= 0.98 and curves["precision"][i_lo] < 0.85
assert curves["precision"][i_hi] == 1.0 and curves["recall"][i_hi] < 0.75
assert t_f2 <= t_f1                           # F2 never wants a higher threshold here ...
if SEED == 0:
    assert t_f2 < t_f1 and (round(t_f2, 2), round(t_f1, 2)) == (0.36, 0.47)  # ... strictly lower here

# %%
# Why a harmonic mean: "everything is malignant" has perfect recall and precision equal to the
# prevalence. The arithmetic mean still looks respectable; F1 does not.
all_pos = np.ones_like(y_te)
prec_all, rec_all = precision_score(y_te, all_pos), recall_score(y_te, all_pos)
arith = (prec_all + rec_all) / 2
f1_all = f1_score(y_te, all_pos)
print(f"\nalways 'malignant': precision {prec_all:.3f} recall {rec_all:.3f} "
      f"arithmetic mean {arith:.3f} F1 {f1_all:.3f}")
assert rec_all == 1.0 and np.isclose(prec_all, y_te.mean())
assert arith > 0.65 and f1_all < 0.6

# %%
# Prevalence: count every benign test case 20 times (the same classifier, a population where
# benign tumours are twenty times more common). Recall is a rate within the positives and does
# not move; precision falls because the false positives are multiplied by 20. Threshold 0.3, so
# that there are false positives to multiply.
yhat3 = (p >= 0.3).astype(int)
tn3, fp3, fn3, tp3 = confusion_matrix(y_te, yhat3).ravel()
prec3, rec3 = precision_score(y_te, yhat3), recall_score(y_te, yhat3)
w = np.where(y_te == 1, 1, 20)
prec_rare = precision_score(y_te, yhat3, sample_weight=w)
rec_rare = recall_score(y_te, yhat3, sample_weight=w)
print(f"\nthreshold 0.3, prevalence {y_te.mean():.3f} -> {np.average(y_te, weights=w):.3f}: "
      f"precision {prec3:.3f} -> {prec_rare:.3f}, recall {rec3:.3f} -> {rec_rare:.3f}")
assert fp3 > 0 and np.isclose(rec_rare, rec3)
assert np.isclose(prec_rare, tp3 / (tp3 + 20 * fp3)) and prec_rare < prec3 - 0.4

# %%
# Multi-class averaging on a problem with one rare class: macro-F1 averages the per-class F1
# scores (each class counts equally); micro-F1 pools the counts, and for single-label problems
# it equals accuracy, so the rare class barely matters.
Xm, ym = make_classification(n_samples=3000, n_classes=3, n_informative=4, n_clusters_per_class=1,
                             weights=[0.6, 0.35, 0.05], class_sep=0.8, random_state=SEED + 1)
Xa, Xb, ya, yb = train_test_split(Xm, ym, test_size=0.5, stratify=ym, random_state=SEED)
pm = LogisticRegression().fit(Xa, ya).predict(Xb)
per_class = f1_score(yb, pm, average=None)
macro, micro = f1_score(yb, pm, average="macro"), f1_score(yb, pm, average="micro")
print("\nper-class F1 " + "  ".join(f"{c:.3f}" for c in per_class)
      + f"   macro {macro:.3f}  micro {micro:.3f}")
assert np.isclose(micro, np.mean(pm == yb))
assert per_class[2] < per_class[:2].min() and macro < micro - 0.05

# %%
# Figure: precision, recall and F1 against the threshold.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Precision, recall and F1 of a breast-cancer classifier against the decision threshold; "
        "recall falls and precision rises as the threshold increases, and F1 peaks between them",
)
ax.plot(thresholds, curves["precision"], label="precision")
ax.plot(thresholds, curves["recall"], label="recall")
ax.plot(thresholds, curves["F1"], label="F1", linewidth=2.5, color="black")
ax.axvline(t_f1, color="grey", linestyle=":", label=f"best F1 at {t_f1:.2f}")
ax.set_xlabel("decision threshold on P(malignant)")
ax.set_ylabel("score")
ax.set_ylim(0.5, 1.01)
ax.legend(frameon=False, loc="lower left")
fig.tight_layout()
plt.show()
