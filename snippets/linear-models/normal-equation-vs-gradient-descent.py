"""Least squares three ways: the normal equations, a QR/SVD solver, and gradient descent.

On a well-conditioned problem all three agree. On an ill-conditioned one, forming X^T X squares
the condition number and costs the normal equations most of their accuracy. Gradient descent's
iteration count grows with the condition number, which feature scaling reduces.
"""

# %%
# A well-conditioned problem: standardised features. Normal equations (a Cholesky-based solve of
# X^T X w = X^T y), NumPy's SVD-based lstsq and gradient descent give the same weights.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.linalg import cho_factor, cho_solve

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n, d = 2000, 20
X = rng.normal(size=(n, d))
w_true = rng.normal(size=d)
y = X @ w_true + rng.normal(0, 0.5, size=n)

w_normal = cho_solve(cho_factor(X.T @ X), X.T @ y)
w_lstsq = np.linalg.lstsq(X, y, rcond=None)[0]


def gradient_descent(X, y, steps, record=None):
    """Minimise ||Xw - y||^2 / (2n) with step 1/L, L the largest eigenvalue of X^T X / n."""
    n = len(y)
    L = np.linalg.eigvalsh(X.T @ X / n).max()
    w = np.zeros(X.shape[1])
    history = []
    for _ in range(steps):
        w -= (X.T @ (X @ w - y) / n) / L
        if record is not None:
            history.append(0.5 * np.mean((X @ w - y) ** 2) - record)
    return w, np.array(history)


w_gd, _ = gradient_descent(X, y, steps=200)
print("well-conditioned (n=2000, d=20): max |difference| from lstsq")
print(f"  normal equations  {np.abs(w_normal - w_lstsq).max():.1e}")
print(f"  gradient descent  {np.abs(w_gd - w_lstsq).max():.1e}  (200 steps)")
assert np.allclose(w_normal, w_lstsq, atol=1e-10) and np.allclose(w_gd, w_lstsq, atol=1e-8)

# %%
# An ill-conditioned problem: raw polynomial features 1, x, ..., x^9 on [0, 1]. The target is an
# exact polynomial (no noise), so the true coefficients are known. Forming X^T X squares the
# condition number, and the normal equations lose about twice as many digits as QR or SVD.
x = np.linspace(0, 1, 200)
V = np.vander(x, 10, increasing=True)
coef = rng.normal(size=10)
t = V @ coef
cond_X, cond_XtX = np.linalg.cond(V), np.linalg.cond(V.T @ V)
err = {
    "normal equations": np.linalg.solve(V.T @ V, V.T @ t),
    "QR (numpy.linalg.qr)": np.linalg.solve(*(lambda q, r: (r, q.T @ t))(*np.linalg.qr(V))),
    "SVD (numpy.linalg.lstsq)": np.linalg.lstsq(V, t, rcond=None)[0],
}
err = {k: np.linalg.norm(v - coef) / np.linalg.norm(coef) for k, v in err.items()}
print(f"\npolynomial features: cond(X) = {cond_X:.1e}, cond(X^T X) = {cond_XtX:.1e}")
for name, e in err.items():
    print(f"  {name:<26} relative coefficient error {e:.1e}")
assert 0.5 < cond_XtX / cond_X**2 < 2                  # the condition number is squared
assert err["normal equations"] > 1e4 * max(err["QR (numpy.linalg.qr)"],
                                              err["SVD (numpy.linalg.lstsq)"])

# %%
# Gradient descent and conditioning. Give three of the features a scale 10 times larger: the
# condition number of X^T X jumps and gradient descent needs far more steps to reach the same
# accuracy. Standardising the columns undoes it.
scales = np.ones(d)
scales[:3] = 10.0
X_raw = X * scales
X_std = (X_raw - X_raw.mean(0)) / X_raw.std(0)
curves, kappas = {}, {}
for name, A in [("raw (3 features x10)", X_raw), ("standardised", X_std)]:
    best = 0.5 * np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
    _, curves[name] = gradient_descent(A, y, steps=5000, record=best)
    kappas[name] = np.linalg.cond(A.T @ A)
print("\ngradient descent, step 1/L           cond(X^T X)   steps to excess loss < 1e-8")
steps_needed = {}
for name, c in curves.items():
    hit = np.flatnonzero(c < 1e-8)
    steps_needed[name] = hit[0] + 1 if hit.size else np.inf
    print(f"  {name:<24} {kappas[name]:>14.1f}   {steps_needed[name]:>8}")
assert kappas["raw (3 features x10)"] > 50 * kappas["standardised"]
assert steps_needed["raw (3 features x10)"] > 1000 and steps_needed["standardised"] <= 10

# %%
# Rough cost in floating-point operations. The normal equations cost n d^2 to form X^T X plus
# d^3 / 3 to factor it, once. A full-batch gradient step costs about 2 n d, and many steps are
# needed; a stochastic step costs 2 d and one pass over the data is n steps.
print("\n      n        d    normal eq. flops   one gradient step   ratio")
for n_, d_ in [(10**6, 10), (10**6, 10**3), (10**5, 10**5)]:
    exact = n_ * d_**2 + d_**3 / 3
    step = 2 * n_ * d_
    print(f"{n_:>8.0e} {d_:>8.0e} {exact:>16.1e} {step:>19.1e} {exact / step:>7.0f}")
assert 1e4 <= exact / step < 1e5          # at d = 1e5: tens of thousands of gradient steps

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Excess training loss of gradient descent against the number of steps on a log scale: "
        "standardised features converge within ten steps, while the same data with three "
        "features scaled up by 10 needs over a thousand",
)
for name, c in curves.items():
    ax.semilogy(np.arange(1, len(c) + 1), np.maximum(c, 1e-16), label=name)
ax.set(xlabel="gradient step", ylabel="loss minus optimal loss", xscale="log")
ax.legend()
fig.tight_layout()
plt.show()
