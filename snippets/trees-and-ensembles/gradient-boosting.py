"""Gradient boosting from scratch, checked against scikit-learn, and the effect of shrinkage.

1. Squared loss: each tree fits the residuals; the hand-written loop reproduces
   GradientBoostingRegressor to machine precision.
2. Log loss: each tree fits y - p, the negative gradient, and its leaves take one Newton step;
   this reproduces GradientBoostingClassifier.
3. Learning rate, subsampling and early stopping on a held-out set.
"""

# %%
# Squared loss L = (y - F)^2 / 2. Its negative gradient with respect to the prediction F is
# the residual y - F, so every stage fits a small regression tree to the current residuals and
# adds a shrunken copy of it. The model starts from the constant that minimises the loss.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_friedman1(n_samples=1000, noise=1.0, random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED)
n_stages, lr = 100, 0.1

F_tr, F_te = np.full(len(y_tr), y_tr.mean()), np.full(len(y_te), y_tr.mean())
tie_breaker = np.random.RandomState(SEED)   # scikit-learn breaks ties between equal splits at random
for _ in range(n_stages):
    residuals = y_tr - F_tr
    tree = DecisionTreeRegressor(max_depth=3, random_state=tie_breaker).fit(X_tr, residuals)
    F_tr += lr * tree.predict(X_tr)
    F_te += lr * tree.predict(X_te)

sk_reg = GradientBoostingRegressor(n_estimators=n_stages, learning_rate=lr, max_depth=3,
                                   random_state=SEED).fit(X_tr, y_tr)
gap_reg = np.abs(sk_reg.predict(X_te) - F_te).max()
print(f"squared loss: hand-written vs scikit-learn, max |difference| = {gap_reg:.1e}")
print(f"  test MSE: constant {np.mean((y_te - y_tr.mean()) ** 2):.2f}, "
      f"after {n_stages} stages {np.mean((y_te - F_te) ** 2):.2f}")
assert gap_reg < 1e-8

# %%
# Log loss for y in {0, 1} with F = log-odds: L = log(1 + e^F) - yF. The negative gradient
# is y - p with p = sigmoid(F), and the second derivative is p(1 - p). The tree is grown on
# y - p; each leaf then gets one Newton step, sum(y - p) / sum(p(1 - p)) over its rows.


def sigmoid(f):
    return 1 / (1 + np.exp(-f))


def log_loss(y, f):
    return np.mean(np.logaddexp(0, f) - y * f)


Xc, yc = make_classification(n_samples=800, n_features=10, n_informative=5, random_state=SEED)
F = np.full(len(yc), np.log(yc.mean() / (1 - yc.mean())))   # log-odds of the base rate

# The pseudo-residual y - p really is minus the gradient: compare with finite differences.
eps, i = 1e-6, 3
bumped = F.copy()
bumped[i] += eps
numeric = -(log_loss(yc, bumped) - log_loss(yc, F)) * len(yc) / eps
assert abs(numeric - (yc[i] - sigmoid(F[i]))) < 1e-4

tie_breaker = np.random.RandomState(SEED)
losses = [log_loss(yc, F)]
for _ in range(n_stages):
    p = sigmoid(F)
    pseudo = yc - p
    tree = DecisionTreeRegressor(max_depth=3, random_state=tie_breaker).fit(Xc, pseudo)
    leaf = tree.apply(Xc)
    step = np.zeros(leaf.max() + 1)
    for node in np.unique(leaf):
        rows = leaf == node
        step[node] = pseudo[rows].sum() / (p[rows] * (1 - p[rows])).sum()
    F += lr * step[leaf]
    losses.append(log_loss(yc, F))

sk_clf = GradientBoostingClassifier(n_estimators=n_stages, learning_rate=lr, max_depth=3,
                                    random_state=SEED).fit(Xc, yc)
gap_clf = np.abs(sk_clf.decision_function(Xc) - F).max()
print(f"log loss:     hand-written vs scikit-learn, max |difference| = {gap_clf:.1e}")
print(f"  training log loss {losses[0]:.3f} -> {losses[-1]:.3f}")
assert gap_clf < 1e-8
assert all(np.diff(losses) < 0)        # every stage lowers the training loss

# %%
# Shrinkage. With learning rate 1 each tree takes the full step and the test error bottoms out
# early and higher; with 0.1 it needs more stages and reaches a lower minimum. Subsampling half
# the rows per stage (stochastic gradient boosting) adds randomness that helps a little more.
configs = {"lr 1.0": dict(learning_rate=1.0), "lr 0.1": dict(learning_rate=0.1),
           "lr 0.1, subsample 0.5": dict(learning_rate=0.1, subsample=0.5)}
curves = {}
print(f"\n{'setting':<24} {'best test MSE':>13} {'at stage':>9} {'MSE at 300':>11}")
for name, params in configs.items():
    model = GradientBoostingRegressor(n_estimators=300, max_depth=3, random_state=SEED, **params)
    model.fit(X_tr, y_tr)
    curves[name] = np.array([np.mean((y_te - p) ** 2) for p in model.staged_predict(X_te)])
    best = curves[name].argmin()
    print(f"{name:<24} {curves[name][best]:13.2f} {best + 1:9d} {curves[name][-1]:11.2f}")
assert curves["lr 0.1"].min() < curves["lr 1.0"].min()
assert curves["lr 1.0"].argmin() + 1 < 20 and curves["lr 0.1"].argmin() + 1 >= 100
assert curves["lr 1.0"][-1] > 1.1 * curves["lr 1.0"].min()      # lr 1 overfits as stages grow
assert curves["lr 0.1, subsample 0.5"].min() < curves["lr 0.1"].min()   # a little lower

# Early stopping: hold out 20 % of the training rows and stop when 20 stages bring no gain.
# The held-out rows are lost to training, so refit on all training rows with the number of
# stages that early stopping found.
early = GradientBoostingRegressor(n_estimators=2000, learning_rate=0.1, max_depth=3,
                                  n_iter_no_change=20, validation_fraction=0.2,
                                  random_state=SEED).fit(X_tr, y_tr)
early_mse = np.mean((y_te - early.predict(X_te)) ** 2)
refit = GradientBoostingRegressor(n_estimators=early.n_estimators_, learning_rate=0.1,
                                  max_depth=3, random_state=SEED).fit(X_tr, y_tr)
refit_mse = np.mean((y_te - refit.predict(X_te)) ** 2)
print(f"early stopping: {early.n_estimators_} of 2000 stages, test MSE {early_mse:.2f}; "
      f"refit on all rows {refit_mse:.2f}")
assert early.n_estimators_ < 500
assert refit_mse < early_mse < curves["lr 1.0"].min()

# %%
# Figure: a 1-D fit after a few stages, and the test curves of the three settings.
rng = np.random.default_rng(SEED)
x1 = np.sort(rng.uniform(0, 6, 200))
y1 = np.sin(x1) + rng.normal(0, 0.3, x1.size)
model_1d = GradientBoostingRegressor(n_estimators=100, learning_rate=0.1, max_depth=2,
                                     random_state=SEED).fit(x1[:, None], y1)
staged = list(model_1d.staged_predict(x1[:, None]))
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(10.0, 3.6),
    num="Left, gradient boosting on noisy sine data: after one stage the fit is a coarse step "
        "function, after ten it follows the trend, after one hundred it tracks the sine; "
        "right, test error against stage, where learning rate 1 bottoms out early and then "
        "rises while learning rate 0.1 falls more slowly to a lower minimum",
)
ax1.scatter(x1, y1, s=6, color="gray", alpha=0.6)
for stage in (1, 10, 100):
    ax1.plot(x1, staged[stage - 1], label=f"{stage} stage{'s' if stage > 1 else ''}")
ax1.set_xlabel("x")
ax1.set_ylabel("y")
ax1.legend(fontsize=8)
for name, curve in curves.items():
    ax2.plot(np.arange(1, len(curve) + 1), curve, label=name)
ax2.set_xscale("log")
ax2.set_yscale("log")
ax2.set_xlabel("stage")
ax2.set_ylabel("test MSE")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
