"""The no-free-lunch theorem, checked exactly on a tiny problem, and what it means in practice.

Inputs are the 16 points of the Boolean cube {0, 1}^4. Eight are the training inputs, the other
eight are never seen. Averaged over all 2^16 binary target functions, every learner, including
one built to be wrong, has off-training-set accuracy exactly 1/2. Restricting the targets to a
structured family (linear-threshold functions, or parity functions) separates the learners, and
which one wins depends on the family. Two scikit-learn problems show the same reversal.
"""

# %%
# The universe: all 16 inputs, a fixed random split into 8 training and 8 unseen inputs.
import os
import itertools

import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
cube = np.array(list(itertools.product([0, 1], repeat=4)))
perm = rng.permutation(16)
train_idx, ots_idx = perm[:8], perm[8:]
X_tr, X_ots = cube[train_idx], cube[ots_idx]


# %%
# Four learners, each a rule from 8 training labels to 8 predictions on the unseen inputs.
# "anti-1-NN" predicts the opposite of 1-nearest-neighbour: a deliberately perverse learner.
def fit_predict(est, y):
    if y.min() == y.max():  # one class only: every learner predicts it
        return np.full(8, y[0])
    return est.fit(X_tr, y).predict(X_ots)


learners = {  # anti-1-NN is filled in below from the 1-NN predictions
    "1-NN": lambda y: fit_predict(KNeighborsClassifier(n_neighbors=1), y),
    "logistic": lambda y: fit_predict(LogisticRegression(C=10.0), y),
    "tree": lambda y: fit_predict(DecisionTreeClassifier(random_state=SEED), y),
}
# All 256 training labelings; preds[name][code] = predictions on the 8 unseen inputs.
bits8 = np.array(list(itertools.product([0, 1], repeat=8)))
preds = {name: np.array([f(y) for y in bits8]) for name, f in learners.items()}
preds["anti-1-NN"] = 1 - preds["1-NN"]

# %%
# Every target function = (training labels, unseen labels): 256 x 256 = 65,536 functions.
# Off-training-set accuracy for each, per learner; its mean and its whole distribution.
print("Average off-training-set accuracy over all 65,536 target functions")
acc_all = {}
for name, P in preds.items():
    acc = (P[:, None, :] == bits8[None, :, :]).mean(axis=2)  # (train labels, unseen labels)
    acc_all[name] = acc.ravel()
    print(f"  {name:<10} {acc.mean():.4f}")
    assert acc.mean() == 0.5  # exactly, not approximately
# Not only the mean: each learner's accuracy distribution is the same Binomial(8, 1/2) / 8.
hists = [np.bincount((8 * a).round().astype(int), minlength=9) for a in acc_all.values()]
assert all(np.array_equal(h, hists[0]) for h in hists)


# %%
# Structured targets. Linear-threshold functions (sign of w.x - b) are "smooth" on the cube;
# parity functions (XOR of a subset of at least two bits) flip with every relevant bit.
def accuracy_on(functions):
    out = {}
    codes = functions[:, train_idx] @ (1 << np.arange(7, -1, -1))  # row in bits8 / preds
    for name, P in preds.items():
        out[name] = (P[codes] == functions[:, ots_idx]).mean()
    return out


w = rng.normal(size=(20_000, 4))
b = rng.normal(size=(20_000, 1)) + w.sum(axis=1, keepdims=True) / 2
threshold_fns = np.unique((w @ cube.T > b).astype(int), axis=0)
if SEED == 0:  # the number of distinct functions found depends on the draw
    assert len(threshold_fns) == 1843
subsets = [s for k in range(2, 5) for s in itertools.combinations(range(4), k)]
parity_fns = np.array([cube[:, list(s)].sum(axis=1) % 2 for s in subsets])
parity_fns = np.vstack([parity_fns, 1 - parity_fns])
families = {"all functions": {k: a.mean() for k, a in acc_all.items()},
            f"threshold ({len(threshold_fns)})": accuracy_on(threshold_fns),
            f"parity ({len(parity_fns)})": accuracy_on(parity_fns)}
print(f"\n{'mean accuracy on unseen inputs':<32}" + "".join(f"{n:>10}" for n in preds))
for fam, res in families.items():
    print(f"{fam:<32}" + "".join(f"{res[n]:>10.3f}" for n in preds))
thr, par = list(families.values())[1:]
# On smooth targets the learners with a smoothness bias win and the perverse one loses ...
assert min(thr["1-NN"], thr["logistic"], thr["tree"]) > 0.65 and thr["anti-1-NN"] < 0.35
# ... on parity targets the ranking turns over: anti-1-NN now beats 1-NN.
assert par["anti-1-NN"] > 0.6 > 0.4 > par["1-NN"]
assert par["tree"] > par["1-NN"] + 0.05     # the tree copes better than 1-NN here

# %%
# In practice: the same reversal on two ordinary problems, 5-fold CV accuracy. Two noisy
# interleaved half-moons favour a local method; a linear rule in 50 dimensions with only 300
# rows favours a regularised linear model (neighbours are far apart in 50 dimensions).
X_m, y_m = make_moons(n_samples=300, noise=0.25, random_state=SEED)
X_l = rng.normal(size=(300, 50))
y_l = (X_l @ rng.normal(size=50) + rng.normal(scale=2.0, size=300) > 0).astype(int)
models = {"15-NN": KNeighborsClassifier(n_neighbors=15),
          "logistic": LogisticRegression(C=0.1, max_iter=2000)}
cv = {(data, m): cross_val_score(est, X, y, cv=5).mean()
      for data, (X, y) in {"moons": (X_m, y_m), "linear, 50-d": (X_l, y_l)}.items()
      for m, est in models.items()}
print(f"\n{'5-fold CV accuracy':<20}" + "".join(f"{m:>10}" for m in models))
for data in ["moons", "linear, 50-d"]:
    print(f"{data:<20}" + "".join(f"{cv[(data, m)]:>10.3f}" for m in models))
assert cv[("moons", "15-NN")] > cv[("moons", "logistic")] + 0.03
assert cv[("linear, 50-d", "logistic")] > cv[("linear, 50-d", "15-NN")] + 0.08

# %%
# Figure: left, the identical accuracy distributions over all functions; right, mean accuracy
# per learner on each family of targets.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 3.8),
    num="Left, the distribution of off-training-set accuracy over all 65,536 Boolean target "
        "functions is the same symmetric binomial shape centred on one half for 1-NN, "
        "logistic regression, a decision tree and an anti-1-NN learner; right, on "
        "linear-threshold targets the first three score well above one half and anti-1-NN "
        "well below, while on parity targets the order reverses for 1-NN and anti-1-NN.")
k = np.arange(9) / 8
width = 0.02
for j, (name, h) in enumerate(zip(preds, hists)):
    ax1.bar(k + (j - 1.5) * width, h / h.sum(), width=width, label=name)
ax1.set(xlabel="accuracy on the 8 unseen inputs", ylabel="fraction of target functions",
        title="All target functions")
ax1.legend(fontsize=8)
x = np.arange(len(families))
for j, name in enumerate(preds):
    ax2.bar(x + (j - 1.5) * 0.2, [res[name] for res in families.values()], width=0.2, label=name)
ax2.axhline(0.5, color="grey", ls="--", lw=0.8)
ax2.set_xticks(x, list(families))
ax2.set(ylabel="mean accuracy on unseen inputs", ylim=(0, 1), title="Which targets?")
fig.tight_layout()
plt.show()
