"""A linear support vector machine, checked against its own theory.

1. Hard margin on separable data: the margin is 2 / ||w||, support vectors sit exactly on it,
   and the boundary depends on them alone.
2. The dual solution: w = sum alpha_i y_i x_i, sum alpha_i y_i = 0, 0 <= alpha_i <= C, and
   the primal and dual objectives agree.
3. Soft margin on overlapping data: a smaller C buys a wider margin with more support vectors.
"""

# %%
# Separable data, and a very large C so that no point may violate the margin (hard margin).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y01 = make_blobs(n_samples=80, centers=[[-2, -1], [2, 1.5]], cluster_std=0.9, random_state=SEED + 1)
y = np.where(y01 == 1, 1, -1)
hard = SVC(kernel="linear", C=1e4).fit(X, y)
w, b = hard.coef_[0], hard.intercept_[0]
f = X @ w + b                                         # decision function
sv = hard.support_
print(f"hard margin: {len(sv)} support vectors of {len(X)} points, "
      f"margin width 2/||w|| = {2 / np.linalg.norm(w):.3f}")
assert np.all(y * f >= 1 - 1e-3)                     # every point on or outside the margin
assert np.allclose(np.abs(f[sv]), 1, atol=1e-3)     # support vectors exactly on it
assert len(sv) <= 5                                 # a handful of the 80 points
if SEED == 0:
    assert len(sv) == 3                              # three in the published draw

# Closest pair of opposite-class points along w: the margin is the gap between the classes.
proj = X @ w / np.linalg.norm(w)
gap = proj[y == 1].min() - proj[y == -1].max()
assert np.isclose(gap, 2 / np.linalg.norm(w), rtol=1e-3)

# Only the support vectors matter: refit on them alone and get the same hyperplane.
refit = SVC(kernel="linear", C=1e4).fit(X[sv], y[sv])
assert np.allclose(refit.coef_, hard.coef_, atol=1e-3)
assert np.isclose(refit.intercept_[0], b, atol=1e-3)

# %%
# The dual. dual_coef_ holds alpha_i * y_i for the support vectors.
alpha_y = hard.dual_coef_[0]
alpha = np.abs(alpha_y)
assert np.allclose(alpha_y @ X[sv], w)              # w is a combination of support vectors
assert abs(alpha_y.sum()) < 1e-6                     # sum alpha_i y_i = 0
assert np.all((alpha > 0) & (alpha <= 1e4))

K = X[sv] @ X[sv].T
dual_objective = alpha.sum() - 0.5 * alpha_y @ K @ alpha_y
primal_objective = 0.5 * w @ w                       # no slack is used
print(f"primal 0.5||w||^2 = {primal_objective:.4f}, dual objective = {dual_objective:.4f}")
assert np.isclose(primal_objective, dual_objective, rtol=1e-3)

# %%
# Soft margin on overlapping classes. Minimise 0.5||w||^2 + C * sum(hinge losses).
X2, y2_01 = make_blobs(n_samples=200, centers=[[-1, -0.5], [1, 1]], cluster_std=1.0,
                       random_state=SEED)
y2 = np.where(y2_01 == 1, 1, -1)
print(f"\n{'C':>6} {'margin width':>12} {'support vectors':>16} {'inside margin':>14} "
      f"{'train acc':>10}")
soft = {}
for C in (0.01, 1.0, 100.0):
    model = SVC(kernel="linear", C=C).fit(X2, y2)
    w2 = model.coef_[0]
    margins = y2 * model.decision_function(X2)
    hinge = np.maximum(0, 1 - margins)
    soft[C] = dict(width=2 / np.linalg.norm(w2), n_sv=len(model.support_),
                   inside=int(np.sum(margins < 1 - 1e-3)), acc=model.score(X2, y2), model=model)
    s = soft[C]
    print(f"{C:6g} {s['width']:12.2f} {s['n_sv']:16d} {s['inside']:14d} {s['acc']:10.3f}")
    # Points strictly inside the margin or misclassified have alpha = C (bounded SVs).
    bounded = np.isclose(np.abs(model.dual_coef_[0]), C, rtol=1e-3)
    inside_sv = margins[model.support_] < 1 - 1e-3
    assert np.all(bounded[inside_sv])
    assert np.all(hinge[np.setdiff1d(np.arange(len(y2)), model.support_)] < 1e-3)

assert soft[0.01]["width"] > soft[1.0]["width"] > soft[100.0]["width"]
sv_ratio = soft[0.01]["n_sv"] / soft[100.0]["n_sv"]
print(f"support vectors, C = 0.01 against C = 100: {sv_ratio:.1f} times as many")
assert 1.7 < sv_ratio < 3.2                          # two to three times as many

# %%
# Figure: the hard-margin solution and two soft-margin solutions.
fig, axes = plt.subplots(
    1, 3, figsize=(10.5, 3.4),
    num="Three linear SVMs: on separable data the boundary sits midway between the classes "
        "with only a few support vectors on the margin lines; on overlapping data a small C "
        "gives a wide margin with many support vectors and a large C a narrow one with fewer",
)
panels = [(X, y, hard, "separable, hard margin")] + [
    (X2, y2, soft[C]["model"], f"overlapping, C = {C:g}") for C in (0.01, 100.0)]
for ax, (Xp, yp, model, title) in zip(axes, panels):
    xx, yy = np.meshgrid(np.linspace(Xp[:, 0].min() - 1, Xp[:, 0].max() + 1, 200),
                         np.linspace(Xp[:, 1].min() - 1, Xp[:, 1].max() + 1, 200))
    zz = model.decision_function(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
    ax.contour(xx, yy, zz, levels=[-1, 0, 1], colors="k", linestyles=["--", "-", "--"],
               linewidths=1)
    ax.scatter(Xp[:, 0], Xp[:, 1], c=yp, cmap="coolwarm", s=12)
    ax.scatter(*Xp[model.support_].T, s=60, facecolors="none", edgecolors="k", linewidths=0.8)
    ax.set_title(f"{title}\n{len(model.support_)} support vectors", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
plt.show()
