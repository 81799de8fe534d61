"""Early stopping: watch the validation loss, keep the best weights, and see why it regularises.

1. A wide MLP trained epoch by epoch on digits with 25 % wrong labels: the training loss keeps
   falling, the validation loss turns up after a few epochs, and stopping at its minimum with
   a patience rule gives better test results than the last epoch.
2. scikit-learn's built-in early_stopping option does the same bookkeeping.
3. For linear least squares, gradient descent stopped after t steps lies close to the ridge
   solution with a penalty proportional to 1 / (learning rate x t): early stopping acts as L2
   regularisation.
"""

# %%
# 1. Training and validation loss per epoch (one partial_fit call = one epoch of Adam).
import os
import copy

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

digits = load_digits()
X = digits.data / 16.0
X_tmp, X_te, y_tmp, y_te = train_test_split(X, digits.target, test_size=0.3, random_state=SEED,
                                            stratify=digits.target)
X_tr, X_val, y_tr, y_val = train_test_split(X_tmp, y_tmp, test_size=0.25, random_state=SEED,
                                            stratify=y_tmp)
rng = np.random.default_rng(SEED)
wrong = rng.random(len(y_tr)) < 0.25                 # label noise in training and validation:
y_tr = np.where(wrong, rng.integers(0, 10, len(y_tr)), y_tr)      # the model must not fit it
y_val = np.where(rng.random(len(y_val)) < 0.25, rng.integers(0, 10, len(y_val)), y_val)

clf = MLPClassifier(hidden_layer_sizes=(256,), learning_rate_init=0.003, alpha=0.0,
                    batch_size=64, random_state=SEED)
classes = np.arange(10)
train_loss, val_loss = [], []
best, best_epoch, patience, waited = np.inf, 0, 10, 0
best_model, stopped_at = None, None
for epoch in range(1, 61):
    clf.partial_fit(X_tr, y_tr, classes=classes)
    train_loss.append(log_loss(y_tr, clf.predict_proba(X_tr), labels=classes))
    val_loss.append(log_loss(y_val, clf.predict_proba(X_val), labels=classes))
    if stopped_at is None:                           # the early-stopping rule with patience
        if val_loss[-1] < best:
            best, best_epoch, waited = val_loss[-1], epoch, 0
            best_model = copy.deepcopy(clf)          # keep the best weights
        else:
            waited += 1
            if waited == patience:
                stopped_at = epoch                   # keep training only to draw the curves

acc_best = best_model.score(X_te, y_te)
acc_last = clf.score(X_te, y_te)
print(f"best validation loss at epoch {best_epoch}; patience {patience} stops at epoch "
      f"{stopped_at}")
print(f"{'weights from':<20}{'train loss':>11}{'val loss':>10}{'test accuracy':>15}")
print(f"{'epoch ' + str(best_epoch) + ' (stopped)':<20}{train_loss[best_epoch - 1]:>11.3f}"
      f"{val_loss[best_epoch - 1]:>10.3f}{acc_best:>15.3f}")
print(f"{'epoch 60 (last)':<20}{train_loss[-1]:>11.3f}{val_loss[-1]:>10.3f}{acc_last:>15.3f}")
assert best_epoch < 30 and stopped_at == best_epoch + patience
if SEED == 0:
    assert best_epoch == 9                                    # quoted on the page
assert train_loss[-1] < 0.5 * train_loss[best_epoch - 1]     # training loss kept falling
assert val_loss[-1] > 1.2 * best                              # validation loss turned up
assert acc_best > acc_last + 0.05                             # (test labels are clean)

# %%
# 2. The built-in version: hold out 10 % of the training data, stop after 10 epochs without
# improvement of the validation score, restore the best weights.
auto = MLPClassifier(hidden_layer_sizes=(256,), learning_rate_init=0.003, alpha=0.0,
                     batch_size=64, early_stopping=True, validation_fraction=0.1,
                     n_iter_no_change=10, max_iter=200, random_state=SEED).fit(X_tr, y_tr)
print(f"\nscikit-learn early_stopping=True: stopped after {auto.n_iter_} of 200 epochs, "
      f"test accuracy {auto.score(X_te, y_te):.3f}")
assert auto.n_iter_ < 60 and auto.score(X_te, y_te) > acc_last

# %%
# 3. Early stopping as L2. Gradient descent from w = 0 on f(w) = ||Xw - y||^2 / (2n), stopped
# after t steps, against the ridge path w(alpha) = (X'X/n + alpha I)^-1 X'y/n. For each t, find
# the ridge penalty whose solution is closest to the stopped weights.
Xr = rng.normal(size=(200, 30)) * np.geomspace(0.1, 3, 30)
yr = Xr @ rng.normal(size=30) + rng.normal(0, 1, 200)
n = len(Xr)
evals, evecs = np.linalg.eigh(Xr.T @ Xr / n)
proj = evecs.T @ (Xr.T @ yr / n)
alphas = np.geomspace(1e-5, 10, 400)
ridge_path = (evecs @ (proj[:, None] / (evals[:, None] + alphas[None, :]))).T   # 400 x 30
lr = 0.05
w = np.zeros(30)
print(f"\n{'GD steps t':>10}{'|w|':>8}{'closest ridge alpha':>21}{'alpha x lr x t':>16}"
      f"{'relative gap':>14}")
products, gaps, norms = [], [], []
for t in range(1, 2001):
    w -= lr * Xr.T @ (Xr @ w - yr) / n
    if t in (10, 30, 100, 300, 1000, 2000):
        dist = np.linalg.norm(ridge_path - w, axis=1)
        k = int(np.argmin(dist))
        products.append(alphas[k] * lr * t)
        gaps.append(dist[k] / np.linalg.norm(w))
        norms.append(np.linalg.norm(w))
        print(f"{t:>10}{norms[-1]:>8.3f}{alphas[k]:>21.4f}{products[-1]:>16.2f}{gaps[-1]:>14.3f}")
assert np.all(np.diff(norms) > 0)            # the weights grow as training goes on
assert max(gaps) < 0.15                      # ... staying close to the ridge path
assert max(products) < 3 * min(products)     # with alpha ~ 1 / (lr t) over a 200-fold range

# %%
# Training and validation curves with the stopping point.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Training and validation log loss per epoch for an MLP on digits with noisy labels: "
        "the training loss falls throughout, while the validation loss reaches its minimum "
        "early and then rises; the chosen epoch and the epoch where patience ran out are "
        "marked")
epochs = np.arange(1, len(train_loss) + 1)
ax.plot(epochs, train_loss, label="training loss")
ax.plot(epochs, val_loss, label="validation loss")
ax.axvline(best_epoch, color="gray", ls="--", lw=1, label=f"best epoch ({best_epoch})")
ax.axvline(stopped_at, color="gray", ls=":", lw=1, label=f"patience runs out ({stopped_at})")
ax.set_xlabel("epoch")
ax.set_ylabel("log loss")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
