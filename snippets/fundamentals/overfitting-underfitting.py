"""Detecting underfitting and overfitting with validation and learning curves.

Decision trees on scikit-learn's handwritten digits. A validation curve over tree depth shows the
underfitting regime (training and validation accuracy both low) and the overfitting regime
(training accuracy perfect, validation accuracy far below). Learning curves tell the two apart by
how the gap behaves with more data, and two standard fixes are checked: constraining the tree and
averaging many trees.
"""

# %%
# Validation curve: 3-fold cross-validated accuracy for depths from 1 to 20.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import (StratifiedKFold, cross_validate, learning_curve,
                                     validation_curve)
from sklearn.tree import DecisionTreeClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
cv = StratifiedKFold(3, shuffle=True, random_state=SEED)
depths = np.array([1, 2, 3, 4, 6, 8, 10, 15, 20])
train_s, val_s = validation_curve(DecisionTreeClassifier(random_state=SEED), X, y,
                                  param_name="max_depth", param_range=depths, cv=cv)
train_m, val_m = train_s.mean(axis=1), val_s.mean(axis=1)
print("depth   train acc   validation acc   gap")
for d, tr, va in zip(depths, train_m, val_m):
    print(f"{d:5d}   {tr:9.3f}   {va:14.3f}   {tr - va:5.3f}")

shallow, deep = 0, len(depths) - 1
# Depth 1: underfitting. Both scores are low and close together.
assert max(train_m[shallow], val_m[shallow]) < 0.35 and train_m[shallow] - val_m[shallow] < 0.05
# Depth 20: overfitting. Training accuracy is perfect, validation is more than 0.1 lower.
assert train_m[deep] == 1.0 and train_m[deep] - val_m[deep] > 0.1
# The gap never narrows as depth grows (up to rounding), and validation accuracy is already on
# its plateau at depth 10.
assert np.all(np.diff(train_m - val_m) > -0.005)
assert val_m.max() - val_m[deep] < 0.02
assert val_m[depths == 10][0] > val_m.max() - 0.02

# %%
# Learning curves: an underfitting model (depth 2) and an overfitting one (unlimited depth).
# For the first, more data does not help: the curves meet at a low level. For the second, the
# gap is large and validation accuracy is still rising at the largest size, so more data helps.
sizes = np.linspace(0.1, 1.0, 5)
curves = {}
for name, depth in [("depth 2", 2), ("full depth", None)]:
    n, tr, va = learning_curve(DecisionTreeClassifier(max_depth=depth, random_state=SEED), X, y,
                               train_sizes=sizes, cv=cv)
    curves[name] = (n, tr.mean(axis=1), va.mean(axis=1))
    print(f"\n{name}: training size " + " ".join(f"{k:5d}" for k in n))
    print(f"{'':>{len(name)}}  train acc     " + " ".join(f"{v:5.2f}" for v in tr.mean(axis=1)))
    print(f"{'':>{len(name)}}  val acc       " + " ".join(f"{v:5.2f}" for v in va.mean(axis=1)))
_, tr2, va2 = curves["depth 2"]
_, trf, vaf = curves["full depth"]
assert tr2[-1] < 0.5 and tr2[-1] - va2[-1] < 0.05          # underfit: low and converged
assert trf[-1] == 1.0 and trf[-1] - vaf[-1] > 0.1           # overfit: large gap
assert vaf[-1] - vaf[0] > 0.15                              # ... that more data is narrowing

# %%
# Two fixes for the overfitting tree: a constraint (at least 5 samples per leaf) and averaging
# (a random forest of 50 trees, which reduces variance). The constraint narrows the gap, but
# what matters is validation accuracy, and only averaging raises it here.
fixes = {
    "full-depth tree": DecisionTreeClassifier(random_state=SEED),
    "min_samples_leaf=5": DecisionTreeClassifier(min_samples_leaf=5, random_state=SEED),
    "random forest (50)": RandomForestClassifier(n_estimators=50, random_state=SEED),
}
res = {k: cross_validate(m, X, y, cv=cv, return_train_score=True) for k, m in fixes.items()}
tr_acc = {k: r["train_score"].mean() for k, r in res.items()}
va_acc = {k: r["test_score"].mean() for k, r in res.items()}
print(f"\n{'model':<20} {'train':>6} {'validation':>10}")
for k in fixes:
    print(f"{k:<20} {tr_acc[k]:6.3f} {va_acc[k]:10.3f}")
gap = {k: tr_acc[k] - va_acc[k] for k in fixes}
assert gap["min_samples_leaf=5"] < gap["full-depth tree"] - 0.03
assert abs(va_acc["min_samples_leaf=5"] - va_acc["full-depth tree"]) < 0.05
assert va_acc["random forest (50)"] > va_acc["full-depth tree"] + 0.1
assert tr_acc["random forest (50)"] == 1.0       # the forest still fits its training data

# %%
# Figure: the validation curve and the two learning curves.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(8.0, 3.6),
    num="Left: training accuracy of a decision tree on digits rises to 1 with depth while "
        "validation accuracy levels off below 0.9, opening a gap. Right: learning curves; the "
        "depth-2 tree's curves meet at a low accuracy, the full tree's stay far apart",
)
ax1.plot(depths, train_m, "o-", label="training")
ax1.plot(depths, val_m, "s-", label="validation")
ax1.set(xlabel="max_depth", ylabel="accuracy", title="validation curve")
ax1.legend(frameon=False)
for name, color in [("depth 2", "tab:purple"), ("full depth", "tab:red")]:
    n, tr, va = curves[name]
    ax2.plot(n, tr, "o-", color=color, label=f"{name}, training")
    ax2.plot(n, va, "s--", color=color, label=f"{name}, validation")
ax2.set(xlabel="training examples", title="learning curves")
ax2.legend(frameon=False, fontsize=8)
fig.tight_layout()
plt.show()
