"""Logistic regression from scratch, and why its loss is the log loss.

Fits a logistic regression by gradient descent on the mean log loss and checks it against
scikit-learn, checks that log loss is the negative Bernoulli log-likelihood, compares the
gradients of log loss and of squared error on a confidently wrong prediction, shows that squared
error on a sigmoid is not convex, and shows the weights running away on separable data.
"""

# %%
# Data: two overlapping Gaussian classes in two dimensions, plus an intercept column.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import expit, log_expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 400
y = rng.integers(0, 2, size=n)
X = rng.normal(size=(n, 2)) + np.outer(2 * y - 1, [1.0, 0.5])
X1 = np.c_[np.ones(n), X]


def mean_log_loss(w, X1, y):
    z = X1 @ w
    # -[y log s(z) + (1 - y) log(1 - s(z))], written with log_expit so it never takes log(0)
    return -np.mean(y * log_expit(z) + (1 - y) * log_expit(-z))


def gradient(w, X1, y):
    return X1.T @ (expit(X1 @ w) - y) / len(y)     # X^T (p - y) / n


# %%
# Plain gradient descent. The log loss is convex and smooth, so a fixed step converges to the
# unique optimum. scikit-learn's unpenalised fit (C = inf) stops at its solver tolerance
# (tol = 1e-4 by default, which stops visibly short of the optimum), so it is tightened.
w = np.zeros(3)
for _ in range(3000):
    w -= 1.0 * gradient(w, X1, y)
sk = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)
w_sk = np.r_[sk.intercept_, sk.coef_[0]]
print("weights (intercept, w1, w2)")
print(f"  gradient descent  {np.array2string(w, precision=4)}")
print(f"  scikit-learn      {np.array2string(w_sk, precision=4)}")
print(f"  largest difference {np.abs(w - w_sk).max():.1e}")
assert np.allclose(w, w_sk, rtol=0, atol=1e-7)
assert np.abs(gradient(w, X1, y)).max() < 1e-10  # first-order optimality: X^T (p - y) = 0

# Log loss is the negative log-likelihood of independent Bernoulli labels, averaged.
p = expit(X1 @ w)
nll = -np.mean(np.log(np.where(y == 1, p, 1 - p)))
assert np.isclose(nll, mean_log_loss(w, X1, y)) and np.isclose(nll, log_loss(y, p))
print(f"  mean log loss {nll:.4f} = mean negative Bernoulli log-likelihood")
# The intercept's row of X^T (p - y) = 0 says: mean predicted probability = observed positive rate.
print(f"  mean predicted probability {p.mean():.4f}, positive rate {y.mean():.4f}")
assert abs(p.mean() - y.mean()) < 1e-6

# %%
# Gradients with respect to the score z for a positive example scored z = -6 (p = 0.0025).
# Log loss pushes with almost full force (p - y); squared error on p is damped by p (1 - p).
z = -6.0
s = expit(z)
grad_log = s - 1
grad_sq = 2 * (s - 1) * s * (1 - s)
print(f"\nconfidently wrong (y = 1, z = {z:.0f}): dLogLoss/dz = {grad_log:.4f}, "
      f"dSquaredError/dz = {grad_sq:.4f}")
assert abs(grad_log) > 100 * abs(grad_sq)

# %%
# Convexity along one weight: the mean squared error of sigmoid outputs, as a function of w,
# has negative curvature in places (it is not convex); the log loss never does.
x_1d = np.r_[rng.normal(-1, 1, 50), rng.normal(1, 1, 50)]
y_1d = np.r_[np.zeros(50), np.ones(50)]
grid = np.linspace(-10, 10, 401)
sq = np.array([np.mean((expit(g * x_1d) - y_1d) ** 2) for g in grid])
ll = np.array([-np.mean(y_1d * log_expit(g * x_1d) + (1 - y_1d) * log_expit(-g * x_1d))
               for g in grid])
curv_sq, curv_ll = np.diff(sq, 2), np.diff(ll, 2)
print(f"\nsmallest second difference over w in [-10, 10]: squared error {curv_sq.min():+.2e}, "
      f"log loss {curv_ll.min():+.2e}")
assert curv_sq.min() < 0 and curv_ll.min() > -1e-12

# %%
# Separable data: with no penalty the likelihood keeps rising as ||w|| grows, so the optimum is
# at infinity and gradient descent never stops growing the weights (slowly, about like log t).
# An L2 penalty (finite C in scikit-learn) gives a finite optimum whose norm grows with C.
Xs = np.r_[rng.normal(-2, 0.5, size=(30, 2)), rng.normal(2, 0.5, size=(30, 2))]
ys = np.r_[np.zeros(30), np.ones(30)]
Xs1 = np.c_[np.ones(60), Xs]
w, step_norms, step_losses = np.zeros(3), [], []
for t in range(1, 20_001):
    w -= 1.0 * gradient(w, Xs1, ys)
    if t in (10, 100, 1000, 20_000):
        step_norms.append(np.linalg.norm(w[1:]))
        step_losses.append(mean_log_loss(w, Xs1, ys))
        print(f"separable, no penalty, {t:>6} steps: ||w|| = {step_norms[-1]:5.2f}, "
              f"log loss = {step_losses[-1]:.1e}")
assert all(a < b for a, b in zip(step_norms, step_norms[1:]))
assert all(a > b for a, b in zip(step_losses, step_losses[1:])) and step_losses[-1] < 1e-3
c_norms = []
for C in [0.01, 1.0, 100.0]:
    c_norms.append(np.linalg.norm(LogisticRegression(C=C).fit(Xs, ys).coef_))
print("L2-penalised fits, ||w|| for C = 0.01, 1, 100:", np.array2string(np.array(c_norms), precision=2))
assert all(a < b for a, b in zip(c_norms, c_norms[1:]))

# %%
# Both losses as functions of the margin y * z (labels coded +1 / -1 here).
m = np.linspace(-6, 6, 300)
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Loss against the margin y times z: the log loss grows almost linearly for confidently "
        "wrong predictions, while squared error on the predicted probability flattens out at 1",
)
ax.plot(m, -log_expit(m), label="log loss  -log s(yz)")
ax.plot(m, (1 - expit(m)) ** 2, label="squared error  (1 - s(yz))^2")
ax.plot(m, (m < 0).astype(float), "k:", label="0-1 loss")
ax.set(xlabel="margin y z (negative = wrong side)", ylabel="loss", ylim=(0, 6))
ax.legend()
fig.tight_layout()
plt.show()
