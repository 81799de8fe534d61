"""The confusion matrix, its rates, and how the threshold trades type I against type II errors.

A logistic regression scores a synthetic problem with 10 % positives. The program builds the
2 x 2 table by hand and checks it against scikit-learn's layout, derives the rates, sweeps the
threshold, fixes the type I error rate on a validation set (the Neyman-Pearson recipe) and picks
the threshold that minimises cost when a miss costs ten times a false alarm.
"""

# %%
# Data: 6,000 cases, 10 % positive, split into train, validation and test thirds.
import os
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_classification(n_samples=6000, n_features=8, n_informative=4, weights=[0.9],
                           class_sep=1.5, random_state=SEED)
tr, va, te = np.split(np.random.default_rng(SEED).permutation(len(y)), [2000, 4000])
model = LogisticRegression().fit(X[tr], y[tr])
p_va, p_te = model.predict_proba(X[va])[:, 1], model.predict_proba(X[te])[:, 1]
y_va, y_te = y[va], y[te]


def counts(y_true, score, t):
    """TP, FP, FN, TN of the rule 'positive if score >= t', counted by hand."""
    pred = score >= t
    pos = y_true == 1
    return (np.sum(pred & pos), np.sum(pred & ~pos), np.sum(~pred & pos), np.sum(~pred & ~pos))


# %%
# The table by hand, against scikit-learn: rows are the true class, columns the prediction,
# classes in sorted order, so for labels 0/1 the layout is [[TN, FP], [FN, TP]].
tp, fp, fn, tn = counts(y_te, p_te, 0.5)
cm = confusion_matrix(y_te, (p_te >= 0.5).astype(int))
print(f"test set {len(y_te)} cases, {y_te.sum()} positive\n{cm}")
assert cm.tolist() == [[tn, fp], [fn, tp]]
assert confusion_matrix(y_te, (p_te >= 0.5).astype(int), labels=[1, 0])[0, 0] == tp

# %%
# The rates. normalize="true" divides each row by its total, giving [[TNR, FPR], [FNR, TPR]].
rates = {"TPR (recall, sensitivity)": tp / (tp + fn), "FNR (type II rate, beta)": fn / (tp + fn),
         "TNR (specificity)": tn / (tn + fp), "FPR (type I rate, alpha)": fp / (tn + fp),
         "precision (PPV)": tp / (tp + fp), "NPV": tn / (tn + fn),
         "accuracy": (tp + tn) / len(y_te)}
for name, value in rates.items():
    print(f"  {name:<27} {value:.3f}")
by_row = confusion_matrix(y_te, (p_te >= 0.5).astype(int), normalize="true")
assert np.allclose(by_row, [[rates["TNR (specificity)"], rates["FPR (type I rate, alpha)"]],
                            [rates["FNR (type II rate, beta)"], rates["TPR (recall, sensitivity)"]]])
# With 10 % positives the default threshold misses far more positives than it raises false alarms.
assert rates["FNR (type II rate, beta)"] > 3 * rates["FPR (type I rate, alpha)"]

# %%
# The threshold moves cases between cells: raising it turns false positives into true negatives
# and true positives into false negatives.
print("\nthreshold   FP    FN   FPR (alpha)  FNR (beta)")
sweep = []
for t in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7):
    tp_t, fp_t, fn_t, tn_t = counts(y_te, p_te, t)
    sweep.append((fp_t, fn_t))
    print(f"  {t:4.2f}    {fp_t:4d}  {fn_t:4d}     {fp_t / (fp_t + tn_t):.3f}       {fn_t / (fn_t + tp_t):.3f}")
fps, fns = np.array(sweep).T
assert fps[0] > 5 * fps[-1] and fns[-1] > 2 * fns[0]

# %%
# Neyman-Pearson style: fix the type I rate at 5 % by taking the 95th percentile of the
# validation negatives' scores as the threshold, then check it on the test set.
t_alpha = np.quantile(p_va[y_va == 0], 0.95)
tp_a, fp_a, fn_a, tn_a = counts(y_te, p_te, t_alpha)
fpr_a, fnr_a = fp_a / (fp_a + tn_a), fn_a / (fn_a + tp_a)
print(f"\nthreshold for alpha = 0.05: {t_alpha:.3f} -> test FPR {fpr_a:.3f}, FNR (beta) {fnr_a:.3f}")
assert abs(fpr_a - 0.05) < 0.025

# %%
# Costs: a false negative costs 10, a false positive 1. For calibrated probabilities the
# cost-minimising rule is 'positive if p >= c_FP / (c_FP + c_FN)' = 1/11.
def cost(t):
    tp_t, fp_t, fn_t, tn_t = counts(y_te, p_te, t)
    return (1 * fp_t + 10 * fn_t) / len(y_te)


grid = np.linspace(0.01, 0.9, 90)
t_best_va = grid[np.argmin([(1 * counts(y_va, p_va, t)[1] + 10 * counts(y_va, p_va, t)[2])
                            for t in grid])]
print(f"cost per case: threshold 0.5 -> {cost(0.5):.3f}, 1/11 -> {cost(1 / 11):.3f}, "
      f"best on validation ({t_best_va:.2f}) -> {cost(t_best_va):.3f}")
assert cost(1 / 11) < 0.8 * cost(0.5) and t_best_va < 0.3

# %%
# Follow-up: 99 % sensitivity and specificity at prevalence 1/1000. Bayes' rule gives the share
# of positive results that are real (the precision), checked by simulating ten million people.
sens = spec = 0.99
prev = 1e-3
ppv = sens * prev / (sens * prev + (1 - spec) * (1 - prev))
ill = np.random.default_rng(SEED + 1).random(10_000_000) < prev
positive = np.where(ill, np.random.default_rng(SEED + 2).random(ill.size) < sens,
                    np.random.default_rng(SEED + 3).random(ill.size) > spec)
print(f"P(ill | positive test): Bayes {ppv:.3f}, simulated {ill[positive].mean():.3f}")
assert abs(ppv - 0.09) < 0.005 and abs(ill[positive].mean() - ppv) < 0.01
