"""Micro, macro and weighted averaging for multi-class and multi-label classifiers.

Computes per-class precision, recall and F1 by hand from a 3-class confusion matrix with one rare
class, averages them three ways and checks each against scikit-learn. Then shows what each
average rewards: a majority-class baseline, micro-F1 against accuracy, and, on a multi-label
problem, micro-F1 against exact-match (subset) accuracy.
"""

# %%
# An imbalanced 3-class problem (75 %, 20 %, 5 %): three overlapping Gaussian clouds in 2-D,
# and a plain logistic regression.
import os
import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, f1_score,
                             hamming_loss)
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
sizes, means = [6000, 1600, 400], np.array([[0.0, 0.0], [2.5, 0.0], [1.25, 2.2]])
X = np.vstack([rng.normal(m, 1.0, size=(n, 2)) for n, m in zip(sizes, means)])
y = np.repeat([0, 1, 2], sizes)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, stratify=y, random_state=SEED + 1)
pred = LogisticRegression(max_iter=1000).fit(X_tr, y_tr).predict(X_te)

# %%
# Per class c: TP = diagonal, FP = column sum minus diagonal, FN = row sum minus diagonal.
cm = confusion_matrix(y_te, pred)
tp = np.diag(cm)
fp, fn = cm.sum(axis=0) - tp, cm.sum(axis=1) - tp
support = cm.sum(axis=1)
prec, rec = tp / (tp + fp), tp / (tp + fn)
f1 = 2 * prec * rec / (prec + rec)
print("class  support  precision  recall   F1")
for c in range(3):
    print(f"  {c}     {support[c]:5d}     {prec[c]:.3f}    {rec[c]:.3f}  {f1[c]:.3f}")

# %%
# Three averages. Macro: plain mean over classes. Weighted: mean weighted by support.
# Micro: pool TP, FP and FN over classes first, then compute the metric once.
macro = f1.mean()
weighted = np.average(f1, weights=support)
micro_p, micro_r = tp.sum() / (tp.sum() + fp.sum()), tp.sum() / (tp.sum() + fn.sum())
micro = 2 * micro_p * micro_r / (micro_p + micro_r)
acc = accuracy_score(y_te, pred)
print(f"\nF1 macro {macro:.3f} | weighted {weighted:.3f} | micro {micro:.3f} | accuracy {acc:.3f}")
for avg, mine in [("macro", macro), ("weighted", weighted), ("micro", micro)]:
    assert np.isclose(f1_score(y_te, pred, average=avg), mine)
# Single-label: every error is one FP (for the predicted class) and one FN (for the true class),
# so micro precision = micro recall = micro F1 = accuracy.
assert np.isclose(micro_p, acc) and np.isclose(micro_r, acc) and np.isclose(micro, acc)
# Macro recall is balanced accuracy.
assert np.isclose(rec.mean(), balanced_accuracy_score(y_te, pred))
# The rare class is the hardest, and it drags macro-F1 below the others.
assert f1.argmin() == 2 and macro < micro - 0.05 and macro < weighted - 0.05

# %%
# "Macro-F1" has two definitions: the mean of per-class F1 (scikit-learn) and the F1 of macro
# precision and macro recall. The second is never smaller (the harmonic mean is concave).
f1_of_means = 2 * prec.mean() * rec.mean() / (prec.mean() + rec.mean())
print(f"mean of per-class F1 {macro:.3f} vs F1 of macro P and macro R {f1_of_means:.3f}")
# Jensen guarantees the order; the size of the gap is what the data decide (small here, because
# no class has precision and recall far apart).
assert macro < f1_of_means < macro + 0.02

# %%
# A majority-class baseline looks fine under micro averaging and is exposed by macro averaging.
base = DummyClassifier(strategy="most_frequent").fit(X_tr, y_tr).predict(X_te)
b_micro = f1_score(y_te, base, average="micro")
b_macro = f1_score(y_te, base, average="macro", zero_division=0)
b_weighted = f1_score(y_te, base, average="weighted", zero_division=0)
print(f"majority baseline: micro {b_micro:.3f} | weighted {b_weighted:.3f} | macro {b_macro:.3f}")
assert b_micro > 0.7 and b_macro < 0.3

# %%
# Multi-label: 5 labels per case, one binary classifier per label. Micro-F1 pools label
# decisions; "samples" averages F1 per case; subset accuracy demands every label right.
Xm, Ym = make_multilabel_classification(n_samples=2000, n_features=20, n_classes=5,
                                        n_labels=2, random_state=SEED)
Xm_tr, Xm_te, Ym_tr, Ym_te = train_test_split(Xm, Ym, test_size=0.5, random_state=SEED + 1)
Pm = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(Xm_tr, Ym_tr).predict(Xm_te)
ml = {avg: f1_score(Ym_te, Pm, average=avg, zero_division=0)
      for avg in ("micro", "macro", "samples")}
subset, hamming = accuracy_score(Ym_te, Pm), hamming_loss(Ym_te, Pm)
print(f"multi-label: F1 micro {ml['micro']:.3f} | macro {ml['macro']:.3f} | samples "
      f"{ml['samples']:.3f} | subset accuracy {subset:.3f} | Hamming loss {hamming:.3f}")
assert ml["micro"] > subset + 0.15  # micro-F1 is no longer accuracy with several labels
