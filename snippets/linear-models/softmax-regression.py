"""Softmax (multinomial logistic) regression: the model, its properties, and one-vs-rest.

Checks that softmax with two classes is the sigmoid, that shifting every class's weights by the
same vector changes nothing, and that a stable softmax avoids overflow. Then fits the penalised
multinomial model from scratch and matches scikit-learn, and compares it with one-vs-rest on
three classes in a row, where the middle class cannot be separated from the other two by a
single line.
"""

# %%
# Softmax, computed stably: subtracting the largest score first changes nothing mathematically
# (the factor cancels) but keeps exp() from overflowing.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_softmax, softmax
from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


big = np.array([1000.0, 999.0, 990.0])
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(big) / np.exp(big).sum()
print(f"naive softmax of {big}: {naive}; stable: {np.round(stable_softmax(big), 4)}")
assert np.isnan(naive).all() and np.allclose(stable_softmax(big), softmax(big))

# Two classes: softmax(z0, z1)[1] = sigmoid(z1 - z0), so binary logistic regression is the
# K = 2 case with weight vector w1 - w0.
z = np.random.default_rng(SEED).normal(size=(1000, 2)) * 5
assert np.allclose(softmax(z, axis=1)[:, 1], expit(z[:, 1] - z[:, 0]))

# Adding the same vector to every class's scores (or weights) leaves the probabilities alone:
# without a penalty the parameters are only identified up to that shift.
assert np.allclose(softmax(z + 3.7, axis=1), softmax(z, axis=1))

# %%
# The penalised multinomial model from scratch on the wine data (3 classes, 13 features):
# minimise  sum_i -log p(y_i | x_i) + ||W||^2 / (2 C)  with L-BFGS, gradient X^T (P - Y) + W / C.
# scikit-learn's LogisticRegression minimises the same objective (intercepts unpenalised).
X, y = load_wine(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)
scaler = StandardScaler().fit(X_tr)
X_tr, X_te = scaler.transform(X_tr), scaler.transform(X_te)
n, d = X_tr.shape
K, C = 3, 1.0
Y = np.eye(K)[y_tr]


def objective(theta):
    W, b = theta[: d * K].reshape(d, K), theta[d * K:]
    scores = X_tr @ W + b
    P = softmax(scores, axis=1)
    loss = -np.sum(Y * log_softmax(scores, axis=1)) + np.sum(W**2) / (2 * C)
    grad_W = X_tr.T @ (P - Y) + W / C
    grad_b = (P - Y).sum(axis=0)
    return loss, np.r_[grad_W.ravel(), grad_b]


res = minimize(objective, np.zeros(d * K + K), jac=True, method="L-BFGS-B",
               options={"gtol": 1e-10, "ftol": 1e-15, "maxiter": 2000})
W, b = res.x[: d * K].reshape(d, K), res.x[d * K:]
P_hand = softmax(X_te @ W + b, axis=1)
sk = LogisticRegression(C=C, tol=1e-10, max_iter=2000).fit(X_tr, y_tr)
assert np.allclose(P_hand, sk.predict_proba(X_te), atol=1e-5)
# With the penalty, the class weights are centred: each feature's weights sum to zero over classes.
assert np.abs(W.sum(axis=1)).max() < 1e-5
print(f"\nwine: hand-written softmax regression = LogisticRegression; test accuracy "
      f"{accuracy_score(y_te, P_hand.argmax(1)):.3f}, log loss {log_loss(y_te, P_hand):.3f}")

# %%
# Softmax versus one-vs-rest on three classes in a row along x1. One-vs-rest must separate the
# middle class from both neighbours with one line, which is impossible: its classifier for the
# middle class is nearly flat. Renormalising still picks the right class often, but the
# probabilities are worse.
rng = np.random.default_rng(SEED)
centers = np.array([[-3.0, 0.0], [0.0, 0.0], [3.0, 0.0]])
yr = rng.integers(0, 3, size=3000)
Xr = centers[yr] + rng.normal(size=(3000, 2))
Xa, Xb, ya, yb = train_test_split(Xr, yr, test_size=0.5, random_state=SEED)
multi = LogisticRegression().fit(Xa, ya)
ovr = OneVsRestClassifier(LogisticRegression()).fit(Xa, ya)
print("\nthree classes in a row    accuracy  log loss")
scores = {}
for name, model in [("softmax (multinomial)", multi), ("one-vs-rest", ovr)]:
    p = model.predict_proba(Xb)
    scores[name] = (accuracy_score(yb, p.argmax(1)), log_loss(yb, p))
    print(f"  {name:<22} {scores[name][0]:8.3f} {scores[name][1]:9.3f}")
middle_w = np.linalg.norm(ovr.estimators_[1].coef_)
print(f"  one-vs-rest middle-class weight norm {middle_w:.3f} "
      f"(outer classes {np.linalg.norm(ovr.estimators_[0].coef_):.2f}, "
      f"{np.linalg.norm(ovr.estimators_[2].coef_):.2f})")
outer_w = min(np.linalg.norm(ovr.estimators_[k].coef_) for k in (0, 2))
loss_ratio = scores["one-vs-rest"][1] / scores["softmax (multinomial)"][1]
print(f"  one-vs-rest log loss / softmax log loss {loss_ratio:.2f}")
assert middle_w < 0.1 * outer_w                       # the middle classifier is almost flat
assert 1.5 < loss_ratio < 1.9                         # about 1.7 times the log loss
assert abs(scores["one-vs-rest"][0] - scores["softmax (multinomial)"][0]) < 0.03

line = np.c_[np.linspace(-6, 6, 300), np.zeros(300)]
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Probability of the middle class along the line through three class centres: softmax "
        "regression gives a clear peak in the middle, the one-vs-rest binary classifier for that "
        "class is almost flat, and renormalised one-vs-rest gives a lower, broader peak",
)
ax.plot(line[:, 0], multi.predict_proba(line)[:, 1], label="softmax: P(middle)")
ax.plot(line[:, 0], ovr.predict_proba(line)[:, 1], "--", label="one-vs-rest, renormalised")
ax.plot(line[:, 0], ovr.estimators_[1].predict_proba(line)[:, 1], ":",
        label="one-vs-rest, middle-vs-rest classifier alone")
for c in centers[:, 0]:
    ax.axvline(c, color="grey", lw=0.5)
ax.set(xlabel="x1 (x2 = 0); grey lines mark the class centres", ylabel="probability",
       ylim=(0, 1))
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
