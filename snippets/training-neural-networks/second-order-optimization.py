"""Newton's method, L-BFGS and gradient descent on small problems.

1. An ill-conditioned quadratic: one Newton step against thousands of gradient steps.
2. Logistic regression with badly scaled features: iterations of each method, Newton's
   quadratic convergence and its indifference to feature scaling, IRLS.
3. Near a saddle, Newton walks into it; gradient descent and saddle-free Newton escape.
4. Curvature pairs (s, y) from independent mini-batches often violate s'y > 0.
"""

# %%
# 1. f(x) = x'Hx/2 - b'x in 50 dimensions, Hessian eigenvalues from 1 to 1000 (condition
# number 1000). Newton: x - H^-1 (Hx - b). Gradient descent: fixed step 2 / (L + mu), the
# step that minimises its worst-case rate. Count steps to shrink the error a millionfold.
import os
import numpy as np
from scipy.optimize import minimize
from scipy.stats import ortho_group
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

d = 50
Q, lam = ortho_group.rvs(d, random_state=SEED + 1), np.logspace(0, 3, d)
H, b = Q @ np.diag(lam) @ Q.T, rng.normal(size=d)
x_star = Q @ ((Q.T @ b) / lam)                    # the minimum, from the eigenvectors
x0 = np.zeros(d)
x_newton = x0 - np.linalg.solve(H, H @ x0 - b)    # one Newton step from x0

x, gd_steps = x0.copy(), 0
while np.linalg.norm(x - x_star) > 1e-6 * np.linalg.norm(x_star):
    x -= 2 / (1000 + 1) * (H @ x - b)
    gd_steps += 1
bound = np.log(1e6) / -np.log(999 / 1001)         # worst case: error x (999/1001)^k
print(f"quadratic, condition number 1000: Newton 1 step, gradient descent {gd_steps} steps "
      f"(worst-case bound {bound:.0f})")
assert np.allclose(x_newton, x_star, rtol=1e-9, atol=0)
assert 5500 <= gd_steps <= np.ceil(bound) < 7000

# %%
# 2. Logistic regression (mean log loss), 2000 examples, 10 features scaled from 0.3 to 3.
# Each method runs until its loss is within 1e-10 of the minimum.
n, p = 2000, 10
scales = np.logspace(-0.5, 0.5, p)
Z = rng.normal(size=(n, p))                        # standardised features
y = (rng.random(n) < 1 / (1 + np.exp(-Z @ rng.normal(size=p)))).astype(float)
X = Z * scales                                     # the same features, badly scaled


def loss_grad_hess(w, X, y):
    q = 1 / (1 + np.exp(-X @ w))
    loss = np.mean(np.logaddexp(0, X @ w) - y * (X @ w))
    return loss, X.T @ (q - y) / len(y), (X.T * (q * (1 - q))) @ X / len(y)


def newton(X, y, steps=12):
    w, path = np.zeros(X.shape[1]), []
    for _ in range(steps):
        loss, g, Hw = loss_grad_hess(w, X, y)
        path.append((w.copy(), loss))
        w = w - np.linalg.solve(Hw, g)
    return path


path_raw, path_std = newton(X, y), newton(Z, y)
f_min = min(loss for _, loss in path_std)
assert np.linalg.norm(loss_grad_hess(path_std[-1][0], Z, y)[1]) < 1e-14   # f_min is the minimum
TOL = 1e-10


def gradient_descent(X, y):
    L = np.linalg.eigvalsh(X.T @ X / len(y)).max() / 4   # bound on the Hessian
    w, gaps = np.zeros(X.shape[1]), []
    while not gaps or gaps[-1] > TOL:
        loss, g, _ = loss_grad_hess(w, X, y)
        gaps.append(loss - f_min)
        w = w - g / L
    return gaps


def lbfgs(X, y):
    gaps = [loss_grad_hess(np.zeros(p), X, y)[0] - f_min]
    minimize(lambda w: loss_grad_hess(w, X, y)[:2], np.zeros(p), jac=True, method="L-BFGS-B",
             callback=lambda wk: gaps.append(loss_grad_hess(wk, X, y)[0] - f_min),
             options=dict(gtol=1e-12, ftol=0, maxcor=10))
    return gaps


def steps(gaps):
    return next(k for k, gap in enumerate(gaps) if gap <= TOL)


newton_gaps = [loss - f_min for _, loss in path_raw]
gd_raw, gd_std = gradient_descent(X, y), gradient_descent(Z, y)
lb_raw, lb_std = lbfgs(X, y), lbfgs(Z, y)
print(f"\n{'features':<14}{'Newton':>8}{'L-BFGS':>8}{'gradient descent':>18}")
print(f"{'badly scaled':<14}{steps(newton_gaps):>8}{steps(lb_raw):>8}{steps(gd_raw):>18}")
print(f"{'standardised':<14}{steps([l - f_min for _, l in path_std]):>8}{steps(lb_std):>8}"
      f"{steps(gd_std):>18}")
print("Newton, loss minus minimum per step:", " ".join(f"{gap:.0e}" for gap in newton_gaps[:7]))
# Newton is affine invariant: its iterates on the two scalings match (w_raw = w_std / scales).
assert all(np.allclose(wr * scales, ws, atol=1e-12) for (wr, _), (ws, _) in zip(path_raw, path_std))
assert 5 <= steps(newton_gaps) <= 7
# Quadratic convergence: once below 1e-3, each gap is under 15 times the square of the last.
close = [gap for gap in newton_gaps if 1e-13 < gap < 1e-3]
assert len(close) >= 2 and all(b_ < 15 * a_**2 for a_, b_ in zip(close, close[1:]))
assert 20 <= steps(lb_raw) <= 45 and 6 <= steps(lb_std) <= 15
assert 1000 <= steps(gd_raw) <= 6000 and steps(gd_raw) > 20 * steps(gd_std)
# One Newton step is a weighted least-squares solve (IRLS); scikit-learn's default solver
# (L-BFGS) and its newton-cholesky solver find Newton's answer.
w = path_raw[1][0]
q = 1 / (1 + np.exp(-X @ w))
sw = np.sqrt(q * (1 - q))
z = X @ w + (y - q) / (q * (1 - q))                 # working response
w_irls = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)[0]
assert np.allclose(w_irls, path_raw[2][0], atol=1e-8)
assert LogisticRegression().solver == "lbfgs"
for solver in ("lbfgs", "newton-cholesky"):
    sk = LogisticRegression(C=np.inf, fit_intercept=False, solver=solver, tol=1e-10, max_iter=1000)
    assert np.allclose(sk.fit(X, y).coef_[0], path_raw[-1][0], rtol=0, atol=1e-5)

# %%
# 3. f(x, y) = x^2/2 + y^4/4 - y^2/2: a saddle at (0, 0), minima at (0, +-1) with f = -1/4.
# Start near the saddle and take 50 steps of each method.
def f(v):
    return v[0] ** 2 / 2 + v[1] ** 4 / 4 - v[1] ** 2 / 2


def grad(v):
    return np.array([v[0], v[1] ** 3 - v[1]])


def hess(v):
    return np.diag([1.0, 3 * v[1] ** 2 - 1])


start = np.array([rng.uniform(-1, 1), rng.choice([-1, 1]) * rng.uniform(0.05, 0.3)])
v_newton, v_gd, v_free = start.copy(), start.copy(), start.copy()
for _ in range(50):
    v_newton = v_newton - np.linalg.solve(hess(v_newton), grad(v_newton))
    v_gd = v_gd - 0.1 * grad(v_gd)
    ev, U = np.linalg.eigh(hess(v_free))            # saddle-free Newton: |eigenvalues|
    v_free = v_free - U @ ((U.T @ grad(v_free)) / np.abs(ev))
print(f"\nstart ({start[0]:+.2f}, {start[1]:+.2f})  ->  f after 50 steps: "
      f"Newton {f(v_newton):+.3f}, gradient descent {f(v_gd):+.3f}, saddle-free {f(v_free):+.3f}")
assert np.linalg.norm(v_newton) < 1e-8                      # Newton sits on the saddle
assert abs(f(v_gd) + 0.25) < 1e-3 and abs(f(v_free) + 0.25) < 1e-9

# %%
# 4. Curvature pairs at the optimum of the standardised problem: random steps s of length
# 0.01, y = change of the gradient on the full data, on one mini-batch of 32, or on two
# independent ones. BFGS needs s'y > 0; a strictly convex loss guarantees it.
w_opt, bad = path_std[-1][0], np.zeros(3)
for _ in range(500):
    s = rng.normal(size=p)
    s *= 0.01 / np.linalg.norm(s)
    i, j = rng.choice(n, 32, replace=False), rng.choice(n, 32, replace=False)
    for k, (a, c) in enumerate([(slice(None), slice(None)), (i, i), (i, j)]):
        yv = loss_grad_hess(w_opt + s, Z[a], y[a])[1] - loss_grad_hess(w_opt, Z[c], y[c])[1]
        bad[k] += s @ yv <= 0
print("\npairs with s'y <= 0, %: full batch {:.1f}, same mini-batch {:.1f}, "
      "independent mini-batches {:.1f}".format(*bad / 5))
assert bad[0] == bad[1] == 0 and 40 < bad[2] / 5 < 60

# %%
# Memory for 10^8 float32 parameters: the Hessian against L-BFGS's 10 pairs of vectors.
print(f"\nHessian {1e8**2 * 4 / 1e15:.0f} PB, L-BFGS pairs {2 * 10 * 1e8 * 4 / 1e9:.0f} GB")
