"""Why the validation score of the selected model is optimistic, and the test set is not.

Part 1 uses labels that are pure coin flips, so no model can beat 50 % on new data. We still
try 150 decision-tree configurations, pick the one with the best validation accuracy, and
then score that winner once on a large untouched test set. Part 2 runs the usual workflow on
a real data set: tune an RBF support vector machine on a validation split, report the test
score, and refit the chosen setting on training + validation data.
"""

# %%
# Part 1: pure-noise labels.  200 training rows, 100 validation rows and a
# large test set of 5000 rows, 20 features unrelated to the labels.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import ParameterGrid, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n_train, n_val, n_test = 200, 100, 5000
X = rng.normal(size=(n_train + n_val + n_test, 20))
y = rng.integers(0, 2, size=len(X))
X_train, y_train = X[:n_train], y[:n_train]
X_val, y_val = X[n_train:n_train + n_val], y[n_train:n_train + n_val]
X_test, y_test = X[n_train + n_val:], y[n_train + n_val:]

# %%
# A random search over 150 tree configurations, each scored on the validation set.
val_scores, models = [], []
for i in range(150):
    model = DecisionTreeClassifier(
        max_depth=int(rng.integers(1, 9)),
        min_samples_leaf=int(rng.integers(1, 20)),
        max_features=int(rng.integers(1, 6)),
        random_state=i,
    ).fit(X_train, y_train)
    val_scores.append(model.score(X_val, y_val))
    models.append(model)
val_scores = np.array(val_scores)
best = int(np.argmax(val_scores))
best_val = val_scores[best]
best_test = models[best].score(X_test, y_test)

# Standard error of one accuracy estimate at p = 0.5 on 100 validation rows.
std_err = np.sqrt(0.5 * 0.5 / n_val)
print("Part 1: labels are coin flips, 150 candidate models")
# Checked by simulation: the accuracy of a fixed guess on 2,000 fresh sets of 100 coin flips.
simulated = rng.integers(0, 2, size=(2000, n_val)).mean(axis=1)
print(f"  {f'standard error of accuracy on {n_val} rows':<45}{std_err:.3f} "
      f"(simulated {simulated.std():.3f})")
assert abs(std_err - 0.05) < 1e-12 and abs(simulated.std() - std_err) < 0.005
print(f"  median validation accuracy of the candidates {np.median(val_scores):.3f}")
print(f"  best validation accuracy (the winner)        {best_val:.3f}")
print(f"  the winner's accuracy on 5000 test rows      {best_test:.3f}")
# The typical candidate sits near chance, the winner looks clearly better
# than chance on validation data, and the test set exposes it.
assert 0.42 < np.median(val_scores) < 0.58
assert best_val >= np.median(val_scores) + 0.08   # the winner looks clearly better ...
assert 0.46 < best_test < 0.54                    # ... and is not
assert best_val - best_test > 0.05
if SEED == 0:
    assert round(best_val, 2) == 0.63

# %%
# Part 2: a real data set, split 60 / 20 / 20 with the class mix kept.
X, y = load_breast_cancer(return_X_y=True)
X_trval, X_test, y_trval, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=SEED)
X_train, X_val, y_train, y_val = train_test_split(
    X_trval, y_trval, test_size=0.25, stratify=y_trval, random_state=SEED)
print(f"\nPart 2: breast cancer, train {len(y_train)}, validation {len(y_val)}, "
      f"test {len(y_test)}")

# %%
# Tune C and gamma on the validation set.  The scaler sits in the pipeline,
# so it is fitted on the training rows only.
grid = ParameterGrid({"C": [0.1, 1, 10, 100, 1000], "gamma": [1e-4, 1e-3, 1e-2, 1e-1]})
results = []
for params in grid:
    pipe = make_pipeline(StandardScaler(), SVC(**params)).fit(X_train, y_train)
    results.append((pipe.score(X_val, y_val), params))
scores = np.array([score for score, _ in results])
best_score, best_params = results[int(np.argmax(scores))]
one_sample = 1 / len(y_val)
near_best = int(np.sum(scores >= best_score - one_sample - 1e-12))
print(f"  {len(grid)} settings; best on validation: C={best_params['C']}, "
      f"gamma={best_params['gamma']}, accuracy {best_score:.3f}")
print(f"  settings within one validation sample ({one_sample:.3f}) of the best: {near_best}")
assert near_best >= 2                              # the best and at least one other

# %%
# Score the chosen setting once on the test set: first as trained on the
# training rows, then refitted on training + validation rows.
chosen = make_pipeline(StandardScaler(), SVC(**best_params)).fit(X_train, y_train)
test_acc = chosen.score(X_test, y_test)
refit = make_pipeline(StandardScaler(), SVC(**best_params)).fit(X_trval, y_trval)
refit_acc = refit.score(X_test, y_test)
print(f"  test accuracy, trained on train only          {test_acc:.3f}")
print(f"  test accuracy, refitted on train + validation {refit_acc:.3f}")
assert test_acc > 0.93 and refit_acc > 0.93
# Selection bias is an average effect: with 114 rows each, validation and test accuracy differ by
# a few samples either way. In this draw the validation score of the winner is the higher one.
if SEED == 0:
    assert best_score > test_acc and near_best == 8

# %%
# Figure: the validation accuracies of the 150 noise models, with the
# winner's validation score and its test score.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Histogram of validation accuracies of 150 models trained on random labels, "
        "centred near 0.5; the best one lies in the right tail, while its test accuracy "
        "falls back to about 0.5",
)
edges = np.arange(0.3, 0.72, 0.01) + 0.005
ax.hist(val_scores, bins=edges, color="tab:gray", alpha=0.8, label="validation accuracy, 150 models")
ax.axvline(best_val, color="tab:red", linewidth=2, label=f"winner on validation ({best_val:.2f})")
ax.axvline(best_test, color="tab:blue", linewidth=2, linestyle="--",
           label=f"winner on test ({best_test:.2f})")
ax.set_xlabel("accuracy (labels are coin flips, chance = 0.5)")
ax.set_ylabel("number of models")
ax.legend(frameon=False, loc="upper left")
fig.tight_layout()
plt.show()
