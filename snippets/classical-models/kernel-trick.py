"""The kernel trick: inner products in a feature space, computed without building it.

1. The degree-2 polynomial kernel (x.z + 1)^2 equals the inner product of an explicit
   feature map with (d + 1)(d + 2)/2 features.
2. Kernel ridge regression with that kernel gives the same predictions as ridge regression on
   the explicit features.
3. The RBF kernel's feature space is infinite-dimensional; random Fourier features approximate
   it, with an error that shrinks as more features are drawn.
4. A valid kernel has a positive semi-definite Gram matrix; the popular "sigmoid kernel"
   does not always.
5. Concentric circles: a linear SVM fails; an SVM with a kernel, or a linear SVM on the
   explicit features, separates them.
"""

# %%
# Explicit feature map for k(x, z) = (x.z + 1)^2: a constant, sqrt(2) x_i, x_i^2 and
# sqrt(2) x_i x_j for i < j.
import os
from itertools import combinations
from math import comb

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_circles
from sklearn.kernel_approximation import RBFSampler
from sklearn.kernel_ridge import KernelRidge
from sklearn.linear_model import Ridge
from sklearn.metrics.pairwise import rbf_kernel, sigmoid_kernel
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def phi_poly2(X):
    pairs = list(combinations(range(X.shape[1]), 2))
    cross = np.column_stack([np.sqrt(2) * X[:, i] * X[:, j] for i, j in pairs])
    return np.column_stack([np.ones(len(X)), np.sqrt(2) * X, X**2, cross])


rng = np.random.default_rng(SEED)
d = 5
A, B = rng.normal(size=(40, d)), rng.normal(size=(30, d))
kernel = (A @ B.T + 1) ** 2
explicit = phi_poly2(A) @ phi_poly2(B).T
print(f"d = {d}: explicit map has {phi_poly2(A).shape[1]} features "
      f"(formula (d+1)(d+2)/2 = {(d + 1) * (d + 2) // 2})")
assert phi_poly2(A).shape[1] == (d + 1) * (d + 2) // 2
assert np.allclose(kernel, explicit)

# How fast explicit polynomial features grow: all monomials of degree <= p in d variables.
print("\n   d   degree   explicit features   kernel cost per pair")
for dim, p in ((100, 2), (100, 3), (100, 5), (1000, 3)):
    print(f"{dim:4d} {p:8d} {comb(dim + p, p):19,d}   one {dim}-term dot product")
assert 96_000_000 < comb(100 + 5, 5) < 97_000_000      # about 97 million

# %%
# Kernel ridge regression with the polynomial kernel equals ridge regression (no intercept)
# on the explicit features: same predictions, but it only ever needs the n x n Gram matrix.
X_tr, X_te = rng.normal(size=(60, d)), rng.normal(size=(20, d))
y_tr = X_tr[:, 0] * X_tr[:, 1] - X_tr[:, 2] ** 2 + rng.normal(0, 0.1, 60)
kr = KernelRidge(alpha=0.5, kernel="poly", degree=2, gamma=1.0, coef0=1.0).fit(X_tr, y_tr)
ridge = Ridge(alpha=0.5, fit_intercept=False).fit(phi_poly2(X_tr), y_tr)
gap = np.abs(kr.predict(X_te) - ridge.predict(phi_poly2(X_te))).max()
print(f"\nkernel ridge vs ridge on explicit features: max |difference| {gap:.1e}")
assert gap < 1e-8

# %%
# RBF kernel exp(-gamma ||x - z||^2): its feature space is infinite-dimensional, but random
# Fourier features (Rahimi and Recht) give a finite map whose inner products approach it.
K_rbf = rbf_kernel(A, A, gamma=0.2)
print("\nrandom Fourier features   mean |error| in the RBF kernel")
errors = {}
for D in (10, 100, 1000, 10_000):
    Z = RBFSampler(gamma=0.2, n_components=D, random_state=SEED).fit_transform(A)
    errors[D] = np.abs(Z @ Z.T - K_rbf).mean()
    print(f"{D:23,d}   {errors[D]:.4f}")
slope = np.polyfit(np.log10(list(errors)), np.log10(list(errors.values())), 1)[0]
print(f"slope of log(error) against log(D): {slope:.2f} (1 / sqrt(D) gives -0.5)")
assert errors[10_000] < errors[1000] < errors[100] < errors[10]
assert -0.6 < slope < -0.4                       # roughly 1 / sqrt(D)

# %%
# Valid kernels give positive semi-definite Gram matrices (Mercer's condition).
min_eig_rbf = np.linalg.eigvalsh(rbf_kernel(A, gamma=0.2)).min()
min_eig_sig = np.linalg.eigvalsh(sigmoid_kernel(A, gamma=1.0, coef0=1.0)).min()
print(f"\nsmallest Gram eigenvalue: RBF {min_eig_rbf:.2e}, sigmoid {min_eig_sig:.2f}")
assert min_eig_rbf > 1e-6                          # positive definite: distinct points
assert min_eig_sig < -1.0                          # not a valid kernel for these settings

# %%
# Concentric circles: no line separates them in (x1, x2), but in the feature space of the
# degree-2 kernel x1^2 + x2^2 is a linear function, so a hyperplane does.
Xc, yc = make_circles(n_samples=300, factor=0.4, noise=0.05, random_state=SEED)
scores = {
    "linear SVM on (x1, x2)": SVC(kernel="linear").fit(Xc, yc).score(Xc, yc),
    "linear SVM on explicit degree-2 features": SVC(kernel="linear").fit(
        phi_poly2(Xc), yc).score(phi_poly2(Xc), yc),
    "SVM with degree-2 polynomial kernel": SVC(kernel="poly", degree=2, gamma=1.0,
                                               coef0=1.0).fit(Xc, yc).score(Xc, yc),
    "SVM with RBF kernel": SVC(kernel="rbf").fit(Xc, yc).score(Xc, yc),
}
print()
for name, acc in scores.items():
    print(f"{name:<42} training accuracy {acc:.3f}")
assert scores["linear SVM on (x1, x2)"] < 0.7
assert min(list(scores.values())[1:]) > 0.97

# %%
# Figure: the circles in the input space, and the same points in two of the explicit features.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 3.6),
    num="Left, two concentric rings of points that no straight line can separate; right, the "
        "same points plotted against x1 squared and x2 squared, where the inner ring lies "
        "near the origin and a straight line separates the two classes",
)
for cls, marker in ((0, "o"), (1, "^")):
    ax1.scatter(*Xc[yc == cls].T, s=10, marker=marker, label=f"class {cls}")
    ax2.scatter(Xc[yc == cls, 0] ** 2, Xc[yc == cls, 1] ** 2, s=10, marker=marker)
t = np.linspace(0, 0.5, 2)
ax2.plot(t, 0.5 - t, "k--", label="x1² + x2² = 0.5")
ax1.set_xlabel("x1")
ax1.set_ylabel("x2")
ax1.set_aspect("equal")
ax1.legend(fontsize=8)
ax2.set_xlabel("x1²")
ax2.set_ylabel("x2²")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
