"""Bagging averages, boosting corrects: what each does to bias, variance and label noise.

1. Bias-variance decomposition over many training sets of the Friedman #1 regression problem,
   for deep trees and stumps, alone, bagged and boosted.
2. Label noise: AdaBoost chases mislabelled points, bagging averages them away.
"""

# %%
# Draw several training sets from the same distribution, fit each model on each, and
# decompose the test error on a fixed noise-free test set: bias^2 is how far the average
# prediction is from the truth, variance is how much predictions move between training sets.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import (
    AdaBoostClassifier, BaggingClassifier, BaggingRegressor, GradientBoostingRegressor,
)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def friedman1_truth(X):
    return (10 * np.sin(np.pi * X[:, 0] * X[:, 1]) + 20 * (X[:, 2] - 0.5) ** 2
            + 10 * X[:, 3] + 5 * X[:, 4])


X_test, y_clean = make_friedman1(n_samples=400, noise=0.0, random_state=SEED + 1)
assert np.allclose(y_clean, friedman1_truth(X_test))

deep, stump = dict(max_depth=None), dict(max_depth=1)
models = {
    "deep tree": lambda: DecisionTreeRegressor(**deep, random_state=SEED),
    "bagged deep trees": lambda: BaggingRegressor(DecisionTreeRegressor(**deep), n_estimators=20,
                                                  random_state=SEED),
    "boosted deep trees": lambda: GradientBoostingRegressor(**deep, n_estimators=20,
                                                            learning_rate=0.1, random_state=SEED),
    "stump": lambda: DecisionTreeRegressor(**stump, random_state=SEED),
    "bagged stumps": lambda: BaggingRegressor(DecisionTreeRegressor(**stump), n_estimators=20,
                                              random_state=SEED),
    "boosted stumps": lambda: GradientBoostingRegressor(**stump, n_estimators=60,
                                                        learning_rate=0.3, random_state=SEED),
}
n_sets = 6
preds = {name: [] for name in models}
for r in range(n_sets):
    X_tr, y_tr = make_friedman1(n_samples=200, noise=1.0, random_state=SEED + 100 + r)
    for name, make in models.items():
        preds[name].append(make().fit(X_tr, y_tr).predict(X_test))

bias2, var = {}, {}
print(f"{'model':<20} {'bias^2':>7} {'variance':>9} {'sum':>6}   ({n_sets} training sets of 200)")
for name, p in preds.items():
    p = np.array(p)
    var[name] = np.mean(p.var(axis=0, ddof=1))
    # The average of n_sets predictions still carries variance / n_sets; remove it so that
    # bias^2 is estimated without that small upward bias.
    bias2[name] = np.mean((p.mean(axis=0) - y_clean) ** 2) - var[name] / n_sets
    print(f"{name:<20} {bias2[name]:7.2f} {var[name]:9.2f} {bias2[name] + var[name]:6.2f}")

# Bagging keeps the bias of its base model and cuts its variance.
assert var["bagged deep trees"] < 0.3 * var["deep tree"]
assert abs(bias2["bagged deep trees"] - bias2["deep tree"]) < 0.25 * bias2["deep tree"]
assert bias2["bagged stumps"] > 0.8 * bias2["stump"]          # no help for a biased model
# Boosting cuts the bias of a weak model, and does little for a high-variance one.
assert bias2["boosted stumps"] < 0.25 * bias2["stump"]
assert var["boosted deep trees"] > 0.6 * var["deep tree"]
best = min(models, key=lambda m: bias2[m] + var[m])
assert best in ("bagged deep trees", "boosted stumps")

# %%
# Label noise. Flip 20 % of the training labels. AdaBoost raises the weight of every point it
# gets wrong, so it ends up fitting the flipped labels; bagging's vote dilutes them.
X, y = make_classification(n_samples=3000, n_features=20, n_informative=6, flip_y=0.0,
                           random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED)
flip = np.random.default_rng(SEED).random(len(y_tr)) < 0.2
y_noisy = np.where(flip, 1 - y_tr, y_tr)
n_members = 50
curves, final = {}, {}
print(f"\ntest error with {n_members} members   clean labels   20 % flipped")
for name in ("AdaBoost (depth-3 trees)", "bagging (deep trees)"):
    row = []
    for labels in (y_tr, y_noisy):
        if name.startswith("AdaBoost"):
            model = AdaBoostClassifier(DecisionTreeClassifier(max_depth=3), n_estimators=n_members,
                                       random_state=SEED).fit(X_tr, labels)
            errors = [np.mean(p != y_te) for p in model.staged_predict(X_te)]
        else:
            model = BaggingClassifier(DecisionTreeClassifier(), n_estimators=n_members,
                                      random_state=SEED).fit(X_tr, labels)
            proba = np.cumsum([t.predict_proba(X_te)[:, 1] for t in model.estimators_], axis=0)
            errors = [np.mean((p / (i + 1) > 0.5) != y_te) for i, p in enumerate(proba)]
            assert np.isclose(errors[-1], 1 - model.score(X_te, y_te), atol=0.005)
        curves[name, labels is y_noisy] = errors
        row.append(errors[-1])
    final[name] = row
    print(f"{name:<30} {row[0]:13.3f} {row[1]:13.3f}")

ada, bag = final["AdaBoost (depth-3 trees)"], final["bagging (deep trees)"]
assert ada[1] - ada[0] > 1.5 * (bag[1] - bag[0])    # noise hurts boosting far more
assert bag[1] < ada[1] - 0.02
noisy_ada = curves["AdaBoost (depth-3 trees)", True]
best_round = int(np.argmin(noisy_ada)) + 1
print(f"AdaBoost on flipped labels: lowest error {min(noisy_ada):.3f} after {best_round} "
      f"members, {noisy_ada[-1]:.3f} after {n_members}")
assert noisy_ada[-1] > min(noisy_ada) + 0.01    # more rounds, worse: it is fitting the noise

# %%
# Figure: the decomposition as bars, and test error as members are added.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(10.0, 3.8),
    num="Left, bias squared and variance of six tree models: bagging shrinks the variance of "
        "deep trees and boosting shrinks the bias of stumps; right, test error against the "
        "number of members, where AdaBoost gets much worse with 20 percent flipped labels "
        "and bagging only a little",
)
names = list(models)
pos = np.arange(len(names))
ax1.bar(pos, [bias2[n] for n in names], label="bias$^2$")
ax1.bar(pos, [var[n] for n in names], bottom=[bias2[n] for n in names], label="variance")
ax1.set_xticks(pos, [n.replace(" ", "\n", 1) for n in names], fontsize=7)
ax1.set_ylabel("squared error")
ax1.legend(fontsize=8)
for (name, noisy), errors in curves.items():
    ax2.plot(np.arange(1, n_members + 1), errors, ls="--" if noisy else "-",
             color="C3" if name.startswith("Ada") else "C0",
             label=f"{name.split(' (')[0]}, {'20 % flipped' if noisy else 'clean'}")
ax2.set_xlabel("number of members")
ax2.set_ylabel("test error")
ax2.set_ylim(top=0.45)
ax2.legend(fontsize=8, ncol=2, loc="upper center")
fig.tight_layout()
plt.show()
