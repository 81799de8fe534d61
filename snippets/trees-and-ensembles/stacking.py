"""Stacking with and without leakage.

Four base models (logistic regression, a fully grown tree, 15-nearest neighbours, Gaussian
naive Bayes) are combined by a logistic-regression meta-model. Trained on the base models'
in-sample predictions, the meta-model trusts the tree, which has memorised the training set.
Trained on out-of-fold predictions, it learns useful weights, matches or beats the best base
model, and beats the simple average.
The hand-built version reproduces scikit-learn's StackingClassifier exactly.
"""

# %%
# Data and base models. Each base model is fitted on the whole training set for test-time
# predictions; its training-set predictions are either in-sample (leaky) or out-of-fold.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_classification(n_samples=3000, n_features=20, n_informative=8, n_redundant=4,
                           flip_y=0.1, random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED)
base = {
    "logistic": LogisticRegression(),
    "deep tree": DecisionTreeClassifier(random_state=SEED),
    "15-NN": KNeighborsClassifier(n_neighbors=15),
    "naive Bayes": GaussianNB(),
}
cv = StratifiedKFold(n_splits=5)

in_sample, out_of_fold, test_preds, base_acc = [], [], [], {}
for name, model in base.items():
    model.fit(X_tr, y_tr)
    in_sample.append(model.predict_proba(X_tr)[:, 1])
    test_preds.append(model.predict_proba(X_te)[:, 1])
    out_of_fold.append(cross_val_predict(model, X_tr, y_tr, cv=cv, method="predict_proba")[:, 1])
    base_acc[name] = model.score(X_te, y_te)
Z_in, Z_oof, Z_te = (np.column_stack(z) for z in (in_sample, out_of_fold, test_preds))

print(f"{'model':<28} {'train acc':>9} {'test acc':>9}")
for j, name in enumerate(base):
    print(f"{name:<28} {np.mean((Z_in[:, j] > 0.5) == y_tr):9.3f} {base_acc[name]:9.3f}")
assert np.mean((Z_in[:, 1] > 0.5) == y_tr) == 1.0        # the tree memorised the training set

# %%
# Meta-models. The leaky one sees the tree's perfect in-sample predictions and leans on it;
# the honest one sees how each model does on rows it was not trained on.
leaky = LogisticRegression().fit(Z_in, y_tr)
honest = LogisticRegression().fit(Z_oof, y_tr)
average_acc = np.mean((Z_te.mean(axis=1) > 0.5) == y_te)
results = {
    "simple average": average_acc,
    "stack, in-sample (leaky)": leaky.score(Z_te, y_te),
    "stack, out-of-fold": honest.score(Z_te, y_te),
}
for name, acc in results.items():
    print(f"{name:<28} {'':>9} {acc:9.3f}")
print("\nmeta-model weights      " + "  ".join(f"{n:>11}" for n in base))
print("  in-sample (leaky)     " + "  ".join(f"{w:11.2f}" for w in leaky.coef_[0]))
print("  out-of-fold           " + "  ".join(f"{w:11.2f}" for w in honest.coef_[0]))

best_base = max(base_acc.values())
assert np.argmax(leaky.coef_[0]) == 1                     # leaky meta trusts the tree most
assert np.argmax(honest.coef_[0]) == np.argmax(list(base_acc.values()))   # it trusts the best
assert honest.coef_[0][1] < 0.2 * leaky.coef_[0][1]      # and down-weights the tree
assert results["stack, in-sample (leaky)"] < best_base - 0.05
assert results["stack, out-of-fold"] >= best_base - 0.01  # as good as the best base model ...
assert results["stack, out-of-fold"] > average_acc        # ... and better than the average
if SEED == 0:
    assert results["stack, out-of-fold"] > best_base      # in this draw, strictly better

# %%
# scikit-learn's StackingClassifier does exactly this: out-of-fold predictions from cv to
# train the final estimator, base models refitted on all rows for prediction.
stack = StackingClassifier(list(base.items()), final_estimator=LogisticRegression(), cv=cv)
stack.fit(X_tr, y_tr)
gap = np.abs(stack.predict_proba(X_te)[:, 1] - honest.predict_proba(Z_te)[:, 1]).max()
print(f"\nStackingClassifier vs hand-built out-of-fold stack: max |difference| {gap:.1e}")
assert gap < 1e-8

# %%
# Figure: test accuracy of every model and of the three combinations.
labels = list(base) + list(results)
values = list(base_acc.values()) + list(results.values())
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Test accuracy of four base models and three ways of combining them: the stack "
        "trained on in-sample predictions is no better than the overfitted tree, while the "
        "stack trained on out-of-fold predictions is at least as good as the best base model "
        "and beats the simple average",
)
colors = ["C0"] * len(base) + ["C7", "C3", "C2"]
ax.barh(np.arange(len(labels)), values, color=colors)
ax.set_yticks(np.arange(len(labels)), labels)
ax.invert_yaxis()
ax.set_xlim(0.75, 0.95)
ax.set_xlabel("test accuracy")
fig.tight_layout()
plt.show()
